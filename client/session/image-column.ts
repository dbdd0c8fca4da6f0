import type { DatasetDetail } from '../../shared/api-types.ts';
import { isImageColumn } from '../../shared/image-files.ts';

/**
 * The dataset's image column: the first text or category column whose most frequent values
 * (the profile's sample, up to 20) name images by their extension (.png, .jpg, .jpeg, .webp,
 * .gif), or null.
 */
export function imageColumnOf(dataset: Pick<DatasetDetail, 'columns'>): string | null {
  for (const column of dataset.columns) {
    const profile = column.profile;
    if ((profile.type === 'text' || profile.type === 'category') && isImageColumn(profile.top.map((v) => v.value))) return column.name;
  }
  return null;
}
