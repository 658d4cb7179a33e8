import { PRIVACY_RULE_TEXT } from '../lib/story-metrics';

export const PRIVACY_NOTE_ID = 'replies-privacy';

/** Why replies can be lower than the replies a story really got. */
export function PrivacyNote() {
  return (
    <aside
      id={PRIVACY_NOTE_ID}
      aria-labelledby={`${PRIVACY_NOTE_ID}-heading`}
      tabIndex={-1}
      className="space-y-2 rounded-lg border border-info/30 bg-info-surface p-4 text-sm text-info outline-none"
    >
      <h2 id={`${PRIVACY_NOTE_ID}-heading`} className="font-semibold">
        Replies leave out Europe and Japan
      </h2>
      <p>
        Replies to a story are messages, and Instagram does not count messages from people in Europe
        (since December 1, 2020) or Japan (since April 14, 2021). A story seen there gets more
        replies than the number shown; the other numbers are not affected. In Instagram's words:
      </p>
      <blockquote className="border-l-2 border-info/50 pl-3 italic">{PRIVACY_RULE_TEXT}</blockquote>
    </aside>
  );
}
