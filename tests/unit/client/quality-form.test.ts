import { describe, expect, it } from 'vitest';
import { ruleFromFields } from '../../../client/panels/quality-rule-form.tsx';
import { exampleLine } from '../../../client/panels/quality-labels.ts';

const fields = { column: 'Body Mass (g)', kind: 'range' as const, min: '', max: '', values: '', pattern: '' };

describe('the rule form', () => {
  it('builds the rule the fields describe, or says what is missing', () => {
    expect(ruleFromFields({ ...fields, min: '2000', max: ' 7000 ' })).toEqual({ kind: 'range', column: 'Body Mass (g)', min: 2000, max: 7000 });
    expect(ruleFromFields({ ...fields, max: '7000' })).toEqual({ kind: 'range', column: 'Body Mass (g)', max: 7000 });
    expect(ruleFromFields(fields)).toBe('Give a minimum, a maximum or both.');
    expect(ruleFromFields({ ...fields, min: 'heavy' })).toBe('The minimum and maximum must be numbers.');
    expect(ruleFromFields({ ...fields, kind: 'allowed-values', values: 'Biscoe, Dream,, ' })).toEqual({ kind: 'allowed-values', column: 'Body Mass (g)', values: ['Biscoe', 'Dream'] });
    expect(ruleFromFields({ ...fields, kind: 'pattern', pattern: '' })).toMatch(/^Write a pattern/);
    expect(ruleFromFields({ ...fields, kind: 'unique' })).toEqual({ kind: 'unique', column: 'Body Mass (g)' });
  });

  it('shows an example row with the finding column first, 1-based', () => {
    const example = { rowIndex: 201, values: { Species: 'Chinstrap', 'Flipper Length (mm)': 1870, Sex: null } };
    expect(exampleLine(example, 'Flipper Length (mm)')).toBe('row 202 · Flipper Length (mm) 1870 · Species Chinstrap · Sex —');
  });
});
