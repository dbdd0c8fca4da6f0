import { useState } from 'react';
import type { AnalysisParamsInput } from '../../shared/analysis-params.ts';
import type { DatasetDetail } from '../../shared/api-types.ts';
import { defaultChoices, paramsFor, withTextFeatures, type ColumnOverrides } from '../session/analysis-choices.ts';
import { AnalysisOptions } from './analysis-options.tsx';
import { TextFeatureOptions } from './text-feature-options.tsx';

/** The start page's analysis options with sensible defaults already chosen, and the one Run button. */
export function RunForm(props: { detail: DatasetDetail; overrides: ColumnOverrides; running: boolean; onRun: (params: AnalysisParamsInput, title: string) => void }) {
  const [choices, setChoices] = useState(() => defaultChoices(props.detail));
  const [title, setTitle] = useState(props.detail.name);

  const [textChosen, setTextChosen] = useState<string[]>([]);
  const kept = props.detail.columns.filter((c) => !(props.overrides[c.name]?.exclude ?? false));
  const textColumns = kept.filter((c) => !c.identifier && (props.overrides[c.name]?.type ?? c.type) === 'text').map((c) => c.name);
  const textUsed = textChosen.filter((name) => textColumns.includes(name));
  const used = kept.filter((c) => !c.identifier && (props.overrides[c.name]?.type ?? c.type) !== 'text').length + textUsed.length;
  return (
    <form
      className="run-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!props.running) props.onRun(withTextFeatures(paramsFor(choices, undefined, props.overrides), textUsed), title.trim() || props.detail.name);
      }}
    >
      <fieldset disabled={props.running}>
        <label htmlFor="run-title">Session title</label>
        <input id="run-title" type="text" value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />
        <AnalysisOptions idPrefix="run" value={choices} onChange={setChoices} />
        <TextFeatureOptions columns={textColumns} value={textUsed} onChange={setTextChosen} />
        <p className="small muted">
          {used} of {props.detail.columns.length} columns will be features (identifiers{textUsed.length < textColumns.length ? ' and free text' : ''} are left out).
        </p>
        {/* Sticks to the bottom of the window while the form is in view: Run never needs a scroll. */}
        <div className="run-bar">
          <button type="submit" className="primary" data-testid="run">
            {props.running ? 'Running…' : 'Run analysis'}
          </button>
        </div>
      </fieldset>
    </form>
  );
}
