// Form fields that commit when the user is done (blur or Enter), so each field change is one
// undo step rather than one per keystroke.

import { useEffect, useState } from "react";

export function TextField({
  label,
  value,
  onCommit,
  multiline,
  placeholder,
  testId,
}: {
  label: string;
  value: string;
  onCommit: (v: string) => void;
  multiline?: boolean;
  placeholder?: string;
  testId?: string;
}) {
  const [v, setV] = useState(value);
  useEffect(() => setV(value), [value]);
  const commit = () => v !== value && onCommit(v);
  return (
    <label className="field">
      <span>{label}</span>
      {multiline ? (
        <textarea value={v} rows={3} placeholder={placeholder} data-testid={testId} onChange={(e) => setV(e.target.value)} onBlur={commit} />
      ) : (
        <input
          value={v}
          placeholder={placeholder}
          data-testid={testId}
          onChange={(e) => setV(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => e.key === "Enter" && (e.currentTarget as HTMLInputElement).blur()}
        />
      )}
    </label>
  );
}

/** A list edited as one item per line. */
export function ListField({
  label,
  value,
  onCommit,
  placeholder,
}: {
  label: string;
  value: string[];
  onCommit: (v: string[]) => void;
  placeholder?: string;
}) {
  const text = value.join("\n");
  return (
    <TextField
      label={label}
      value={text}
      multiline
      placeholder={placeholder ?? "One per line"}
      onCommit={(t) =>
        onCommit(
          t
            .split("\n")
            .map((x) => x.trim())
            .filter(Boolean),
        )
      }
    />
  );
}

export function MinutesField({
  label,
  value,
  onCommit,
  placeholder = "minutes",
}: {
  label: string;
  value: number | null | undefined;
  onCommit: (v: number | null) => void;
  /** What the number counts, shown while it is empty. */
  placeholder?: string;
}) {
  return (
    <TextField
      label={label}
      value={value == null ? "" : String(value)}
      placeholder={placeholder}
      onCommit={(t) => {
        const n = Number.parseInt(t, 10);
        onCommit(Number.isFinite(n) && n >= 0 ? n : null);
      }}
    />
  );
}

export function SelectField<T extends string>({
  label,
  value,
  options,
  onChange,
  testId,
}: {
  label: string;
  value: T | "";
  options: { value: T | ""; label: string }[];
  onChange: (v: T | "") => void;
  testId?: string;
}) {
  return (
    <label className="field">
      <span>{label}</span>
      <select value={value} data-testid={testId} onChange={(e) => onChange(e.target.value as T | "")}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
