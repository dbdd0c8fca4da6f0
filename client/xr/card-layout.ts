/**
 * The hover card's size in the room: its text must stay readable at whatever distance the
 * pointed point is. Readability is an angle, not a size: body text that spans at least 1° of
 * visual angle reads comfortably in current headsets (their ~20 pixels per degree give a 1° line
 * about 20 pixels); we draw 1.3° for margin.
 */
export const CARD_TEXT_DEG = 1.3;
/** Nearest and farthest the card floats from the eyes (m): closer strains the eyes' focus, farther is lost in the cloud. */
export const CARD_MIN_M = 0.6;
export const CARD_MAX_M = 2.5;

/** Height in metres of one text line's font size at `distance` metres, so that it spans CARD_TEXT_DEG. */
export function cardTextHeight(distance: number): number {
  return 2 * distance * Math.tan((CARD_TEXT_DEG * Math.PI) / 360);
}

/** The visual angle (degrees) of a text line `height` metres tall at `distance` metres. */
export function visualAngleDeg(height: number, distance: number): number {
  return (2 * Math.atan(height / (2 * distance)) * 180) / Math.PI;
}

/** How far from the eyes the card floats for a point `distance` metres along the ray: a little in front of it, within comfort limits. */
export function cardDistance(pointDistance: number): number {
  return Math.min(CARD_MAX_M, Math.max(CARD_MIN_M, pointDistance - 0.1));
}

/** The card's lines for a row: a title, then `column: value` lines, at most `maxLines` in all (the rest counted). */
export function cardLines(title: string, entries: readonly (readonly [string, string])[], maxLines = 10): string[] {
  const lines = [title];
  const room = maxLines - 1;
  const shown = entries.length > room ? room - 1 : entries.length;
  for (let k = 0; k < shown; k++) lines.push(`${entries[k][0]}: ${entries[k][1]}`);
  if (shown < entries.length) lines.push(`+ ${entries.length - shown} more`);
  return lines;
}
