/** A radio group whose options carry a short hint (the run form's layout and clustering choices). */
export function ChoiceList<T extends string>(props: {
  name: string;
  label: string;
  options: readonly { value: T; label: string; hint: string }[];
  value: T;
  onChange: (value: T) => void;
}) {
  return (
    <div className="choice-list" role="radiogroup" aria-label={props.label}>
      {props.options.map((o) => (
        <label key={o.value} className="choice">
          <input type="radio" name={props.name} value={o.value} checked={props.value === o.value} onChange={() => props.onChange(o.value)} />
          <span>
            {o.label} <span className="muted small">{o.hint}</span>
          </span>
        </label>
      ))}
    </div>
  );
}
