/**
 * One checkbox per free-text column: "use its words as features" (TF-IDF reduced to 20
 * dimensions on the server, docs/analysis.md "Free text as features"). Off by default: text is
 * left out unless the person asks for it.
 */
export function TextFeatureOptions(props: { columns: readonly string[]; value: readonly string[]; onChange: (value: string[]) => void }) {
  if (props.columns.length === 0) return null;
  return (
    <fieldset className="text-features" data-testid="text-features">
      <legend className="label">Free text</legend>
      {props.columns.map((name) => (
        <label key={name} className="checkbox small">
          <input
            type="checkbox"
            checked={props.value.includes(name)}
            onChange={(e) => props.onChange(e.target.checked ? [...props.value, name] : props.value.filter((n) => n !== name))}
          />{' '}
          use the words of <strong>{name}</strong> as features
        </label>
      ))}
    </fieldset>
  );
}
