import { ApiRequestError } from '../../../lib/api-client';

export interface NewPasswordProblems {
  email?: string;
  password?: string;
  confirm?: string;
}

/** What the browser can tell before asking the server: a field left empty, a confirmation that differs. */
export function newPasswordProblems(
  fields: { email?: string; password: string; confirm: string },
  passwordLabel = 'a password',
): NewPasswordProblems {
  const problems: NewPasswordProblems = {};
  if (fields.email !== undefined && !fields.email.trim())
    problems.email = 'Enter your email address.';
  else if (fields.email !== undefined && !/^[^\s@]+@[^\s@]+$/.test(fields.email.trim()))
    problems.email = 'Enter an email address, e.g. sam@example.com.';
  if (!fields.password) problems.password = `Enter ${passwordLabel}.`;
  else if (fields.confirm !== fields.password)
    problems.confirm = 'The two passwords differ: type the same one twice.';
  return problems;
}

/**
 * Where a refusal from the server belongs: a 400 about the password (too short, too common) under
 * the password field, one about the email under the email field, anything else above the button.
 */
export function serverProblem(error: unknown): NewPasswordProblems & { form?: string } {
  if (!(error instanceof Error)) return {};
  if (error instanceof ApiRequestError && error.status === 400) {
    if (/password/i.test(error.message)) return { password: error.message };
    if (/email/i.test(error.message)) return { email: error.message };
  }
  return { form: error.message };
}
