import ExcelJS from 'exceljs';
import { IngestError } from './errors.ts';
import { SheetTable } from './sheet-table.ts';
import type { IngestLimits, IngestResult } from './types.ts';

/**
 * Excel workbooks through exceljs' streaming WorkbookReader: rows are parsed as the sheet's XML
 * inflates and go straight into the typed column builders; only the shared strings and styles
 * (needed to tell dates from numbers) are held. Formulas are read as the value Excel cached for
 * them. One sheet becomes the table: `sheet` by name, else the first sheet with rows. Every
 * other sheet is only counted, so the answer can list them all.
 */
export interface XlsxOptions extends IngestLimits {
  sheet?: string;
  /** The text of xl/workbook.xml, read ahead by checkZip. */
  workbookXml?: string | null;
}

/**
 * exceljs' streaming reader names a worksheet from the workbook's sheet list, but parses a
 * worksheet as soon as it has the shared strings and relationships, even when xl/workbook.xml
 * comes later in the archive: then it reads `this.model.sheets` of a model not yet there and
 * throws. Entry order is the writer's choice (exceljs' own writer varies it between runs), so the
 * sheet list read ahead is given to the reader first; its own read of workbook.xml replaces it.
 */
export function sheetListOf(workbookXml: string): { name: string; id: number; rId: string; state: string }[] {
  const sheets: { name: string; id: number; rId: string; state: string }[] = [];
  for (const tag of workbookXml.match(/<(?:\w+:)?sheet\s[^>]*>/g) ?? []) {
    const attr = (key: string) => new RegExp(`\\s${key}="([^"]*)"`).exec(tag)?.[1];
    const name = attr('name');
    const rId = attr('r:id') ?? attr('[\\w]+:id');
    if (name === undefined || rId === undefined) continue;
    sheets.push({ name: decodeXml(name), id: Number(attr('sheetId') ?? sheets.length + 1), rId, state: attr('state') ?? 'visible' });
  }
  return sheets;
}

function decodeXml(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp|#x[0-9a-f]+|#\d+);/gi, (_, e: string) => {
    const lower = e.toLowerCase();
    if (lower === 'lt') return '<';
    if (lower === 'gt') return '>';
    if (lower === 'quot') return '"';
    if (lower === 'apos') return "'";
    if (lower === 'amp') return '&';
    const code = lower.startsWith('#x') ? parseInt(lower.slice(2), 16) : parseInt(lower.slice(1), 10);
    return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

interface StreamedSheet extends AsyncIterable<{ values: unknown; number: number }> {
  name?: string;
}

export async function parseXlsx(path: string, size: number, options: XlsxOptions = {}): Promise<IngestResult> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  // See sheetListOf: the reader's model is not in its typings, hence the cast.
  if (options.workbookXml) (reader as unknown as { model: { sheets: ReturnType<typeof sheetListOf> } }).model = { sheets: sheetListOf(options.workbookXml) };
  const sheets: { name: string; rows: number }[] = [];
  let chosen: SheetTable | undefined;
  try {
    for await (const entry of reader as unknown as AsyncIterable<StreamedSheet>) {
      const name = entry.name ?? `Sheet${sheets.length + 1}`;
      const wanted = !chosen && (options.sheet === undefined || options.sheet === name);
      const sheet = wanted ? new SheetTable(name, options) : undefined;
      let rows = 0;
      for await (const row of entry) {
        rows++;
        if (sheet) sheet.addRow(row.values as unknown[], row.number);
      }
      sheet?.end();
      sheets.push({ name, rows });
      if (sheet && (sheet.hasRows() || options.sheet !== undefined)) chosen = sheet;
    }
  } catch (error) {
    if (error instanceof IngestError) throw error;
    const said = error instanceof Error ? error.message.slice(0, 160) : String(error).slice(0, 160);
    throw new IngestError('corrupt_file', `The Excel workbook is damaged or truncated and could not be read (${said}).`);
  }
  if (sheets.length === 0) throw new IngestError('corrupt_file', 'The Excel workbook has no worksheets that could be read.');
  const list = sheets.map((s) => `"${s.name}"`).join(', ');
  if (!chosen) {
    if (options.sheet !== undefined) throw new IngestError('unknown_sheet', `The workbook has no sheet named "${options.sheet.slice(0, 80)}"; its sheets are ${list}.`);
    throw new IngestError('empty_sheet', `Every sheet of the workbook (${list}) is empty.`);
  }
  const table = chosen.finish();
  return { ...table, format: 'xlsx', bytes: size, sheet: { name: chosen.name, sheets } };
}
