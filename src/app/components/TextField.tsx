import { type ComponentPropsWithRef, type ReactNode, useId } from 'react';
import { Input } from './ui';

/**
 * A labelled text field of a form, with an optional hint and error. Both are tied to the field
 * (aria-describedby), the error first, so that a screen reader says what is wrong on focus.
 * `describedBy` names an error shown elsewhere that is about this field too (a form's own error,
 * such as "the email or the password is not right"): the field is then marked invalid.
 */
export function TextField({
  label,
  hint,
  error,
  describedBy,
  className,
  ...input
}: Omit<ComponentPropsWithRef<'input'>, 'id'> & {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  describedBy?: string | undefined;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const described = [error ? errorId : undefined, describedBy, hint ? hintId : undefined]
    .filter(Boolean)
    .join(' ');
  return (
    <div className={className ? `space-y-1 ${className}` : 'space-y-1'}>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <Input
        id={id}
        aria-invalid={error || describedBy ? true : undefined}
        aria-describedby={described || undefined}
        {...input}
        // Roomier than a toolbar's field, and 16 px text on phones, which then do not zoom in.
        className="block w-full px-3 py-2 text-base read-only:bg-surface-sunken aria-invalid:border-danger sm:text-sm"
      />
      {error ? (
        <p id={errorId} className="text-sm text-danger">
          {error}
        </p>
      ) : null}
      {hint ? (
        <p id={hintId} className="text-xs text-fg-muted">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
