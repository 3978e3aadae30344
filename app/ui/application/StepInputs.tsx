/**
 * The inputs the steps of the application form are made of, on react-dsfr: a text, a text of
 * several lines, a yes-or-no question, each with its label, its hint and its error.
 */
import { Input } from "@codegouvfr/react-dsfr/Input";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import type { ReactNode } from "react";
import { state } from "./field-state";

/** What every field reads: the values shown (as saved or as typed) and the errors by name. */
export type FieldProps = { values: Record<string, string>; errors: Record<string, string> };

export function Text({
  name,
  label,
  hint,
  values,
  errors,
  ...input
}: FieldProps & {
  name: string;
  label: string;
  hint?: ReactNode;
} & React.InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Input
      label={label}
      hintText={hint}
      {...state(errors, name)}
      nativeInputProps={{ id: name, name, defaultValue: values[name] ?? "", ...input }}
    />
  );
}

/** A field of several lines (an address, a description), like Text. */
export function TextArea({
  name,
  label,
  hint,
  values,
  errors,
  ...textarea
}: FieldProps & {
  name: string;
  label: string;
  hint?: ReactNode;
} & React.TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <Input
      label={label}
      hintText={hint}
      textArea
      {...state(errors, name)}
      nativeTextAreaProps={{ id: name, name, defaultValue: values[name] ?? "", ...textarea }}
    />
  );
}

export function YesNo({
  name,
  legend,
  hint,
  values,
  errors,
}: FieldProps & { name: string; legend: string; hint?: ReactNode }) {
  return (
    <RadioButtons
      id={name}
      legend={legend}
      hintText={hint}
      name={name}
      orientation="horizontal"
      {...state(errors, name)}
      options={["oui", "non"].map((value) => ({
        label: value === "oui" ? "Oui" : "Non",
        nativeInputProps: { value, defaultChecked: values[name] === value },
      }))}
    />
  );
}
