import type { TrendForecast, TrendPeriod } from '../../shared/insights/trends.ts';
import { formatNumber } from '../../shared/encodings/legend.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "month" / "6 months". */
export function periodWord(period: TrendPeriod, count: number): string {
  return count === 1 ? period : `${count} ${period}s`;
}

/** A period's start as a person names it: "Mar 2014", "Q2 2014", "2014", "2014-03-05". */
export function periodLabel(iso: string, period: TrendPeriod): string {
  const d = new Date(iso);
  const year = d.getUTCFullYear();
  if (period === 'year') return String(year);
  if (period === 'quarter') return `Q${Math.floor(d.getUTCMonth() / 3) + 1} ${year}`;
  if (period === 'month') return `${MONTHS[d.getUTCMonth()]} ${year}`;
  return iso.slice(0, 10);
}

/** "forecast error on the last 6 months: ±12% (off by 3.5 rows on average)". */
export function errorSentence(forecast: TrendForecast, period: TrendPeriod, value: string | null): string {
  const { periods, smape, mae } = forecast.heldOut;
  const unit = value === null ? (mae === 1 ? ' row' : ' rows') : '';
  return `forecast error on the last ${periodWord(period, periods)}: ±${Math.round(smape)}% (off by ${formatNumber(mae)}${unit} on average)`;
}

/** How the forecast was made, in words. */
export function methodSentence(forecast: TrendForecast, period: TrendPeriod): string {
  if ('season' in forecast.parameters) return `repeats the same ${period} one season (${periodWord(period, forecast.parameters.season)}) back`;
  return `Holt's linear trend (α ${forecast.parameters.alpha}, β ${forecast.parameters.beta})`;
}

/** The tooltip with every figure: MAE, MAPE, sMAPE and the other methods tried. */
export function errorDetails(forecast: TrendForecast): string {
  const { mae, mape, smape, periods } = forecast.heldOut;
  const name = { holt: 'Holt', 'seasonal-naive': 'seasonal naive', 'last-value': 'last value' };
  const tried = forecast.candidates.map((c) => `${name[c.method]}: MAE ${formatNumber(c.mae)}, sMAPE ${Math.round(c.smape)}%`).join('; ');
  return `On the ${periods} held-out periods: MAE ${formatNumber(mae)}, MAPE ${mape === null ? 'n/a (an actual value is 0)' : `${Math.round(mape)}%`}, sMAPE ${Math.round(smape)}%. Tried: ${tried}.`;
}
