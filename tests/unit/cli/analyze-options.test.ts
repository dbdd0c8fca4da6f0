import { describe, expect, it } from 'vitest';
import { parseAnalyzeArgs, UsageError, type AnalyzeOptions } from '../../../server/cli/analyze-options.ts';

const options = (...argv: string[]): AnalyzeOptions => {
  const parsed = parseAnalyzeArgs(argv);
  if (parsed.help) throw new Error('expected options, got --help');
  return parsed.options;
};

const refusal = (...argv: string[]): string => {
  try {
    parseAnalyzeArgs(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`${argv.join(' ')} was accepted`);
};

describe('the analyze command line', () => {
  it('writes binary arrays unless told JSON by --format or a .json path', () => {
    expect(options('t.csv').output).toBeUndefined();
    expect(options('t.csv', '--out', 'result').output).toEqual({ path: 'result', format: 'binary' });
    expect(options('t.csv', '--out', 'result.json').output).toEqual({ path: 'result.json', format: 'json' });
    expect(options('t.csv', '--out', 'result.txt', '--format', 'json').output).toEqual({ path: 'result.txt', format: 'json' });
    expect(options('t.csv', '--reduction', 'pca', '--k', '4').params).toMatchObject({ reduction: { method: 'pca' }, clustering: { method: 'kmeans', k: 4 } });
    expect(parseAnalyzeArgs(['--help'])).toEqual({ help: true });
  });

  it('says in one sentence what is wrong with a bad command line', () => {
    expect(refusal('t.csv', '--bogus')).toBe('Unknown option --bogus.');
    expect(refusal('t.csv', '--out')).toBe('Option --out needs a value.');
    expect(refusal()).toBe('Name the file to analyse.');
    expect(refusal('a.csv', 'b.csv')).toBe('One file at a time; got 2: a.csv, b.csv.');
    expect(refusal('t.csv', '--out', 'r', '--format', 'xml')).toBe('Unknown --format "xml": use binary or json.');
    expect(refusal('t.csv', '--format', 'json')).toContain('give --out PATH too');
    expect(refusal('t.csv', '--format', 'binary', '--out', 'r.json')).toContain('names a .json file');
    expect(refusal('t.csv', '--k', 'many')).toContain('Invalid option clustering.k');
    expect(refusal('t.csv', '--reduction', 'mds')).toContain('Invalid option reduction.method');
  });
});
