/**
 * One labelled `<select>` of a filter bar. The empty choice (`all`, e.g. "All") means "no filter" and
 * reads back as undefined; leave `all` out where a filter always has a value.
 */
export function FilterSelect(props: {
  id: string;
  label: string;
  value: string | undefined;
  options: readonly { value: string; label: string }[];
  onChange: (value: string | undefined) => void;
  all?: string | undefined;
  disabled?: boolean;
}) {
  return (
    <p class="filter">
      <label for={props.id}>{props.label}</label>
      <select
        id={props.id}
        value={props.value ?? ''}
        disabled={props.disabled}
        onChange={(event) =>
          props.onChange((event.currentTarget as HTMLSelectElement).value || undefined)
        }
      >
        {props.all !== undefined ? <option value="">{props.all}</option> : null}
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </p>
  );
}
