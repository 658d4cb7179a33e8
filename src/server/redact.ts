/** Removes every configured secret and any `access_token=` value from text that leaves the server. */
export function createRedactor(secrets: () => readonly string[]) {
  return (text: string): string => {
    let out = text.replace(/(access_token=)[^&"'\s<>]+/gi, '$1[redacted]');
    for (const secret of secrets()) {
      if (secret.length < 4) continue;
      for (const form of new Set([secret, encodeURIComponent(secret)]))
        out = out.split(form).join('[redacted]');
    }
    return out;
  };
}

export type Redactor = ReturnType<typeof createRedactor>;
