import { formatNumber } from '../../shared/encodings/legend.ts';

/** "123 points · 36.9% of all": a group's size and its share of the analysed points. */
export function groupSizeText(size: number, share: number, noun = 'points', singular = 'point'): string {
  const pct = share * 100;
  const shown = pct > 0 && pct < 0.1 ? '< 0.1' : formatNumber(Math.round(pct * 10) / 10);
  return `${formatNumber(size)} ${size === 1 ? singular : noun} · ${shown}% of all`;
}
