/** Removes every configured secret and any `access_token=` value from text that leaves the server. */
export function createRedactor(secrets: () => readonly string[]) {
  let forms: { key: string; list: string[] } = { key: '', list: [] };
  // Runs on every log line and error: the forms of the secrets are worked out once per set.
  const formsOf = (current: readonly string[]) => {
    const key = current.join('\n');
    if (key !== forms.key) {
      const list = new Set<string>();
      for (const secret of current) {
        if (secret.length < 4) continue;
        list.add(secret);
        list.add(encodeURIComponent(secret));
      }
      forms = { key, list: [...list] };
    }
    return forms.list;
  };
  return (text: string): string => {
    let out = /access_token=/i.test(text)
      ? text.replace(/(access_token=)[^&"'\s<>]+/gi, '$1[redacted]')
      : text;
    for (const form of formsOf(secrets())) {
      if (out.includes(form)) out = out.split(form).join('[redacted]');
    }
    return out;
  };
}

export type Redactor = ReturnType<typeof createRedactor>;
