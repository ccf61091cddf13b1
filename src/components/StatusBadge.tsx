/** A pledge's status: a symbol and words, never colour alone. Shared by the public pages and the CMS preview. */
import type { ReactElement } from 'react';
import { t } from '../i18n/t.ts';
import type { Fulfilment } from '../lib/pledgeStatus.ts';

const symbols: Record<Fulfilment, string> = {
  'not-started': '○',
  'in-progress': '◐',
  rectifying: '△',
  overdue: '!',
  closed: '✓',
  'closed-late': '✓',
};

export default function StatusBadge({ status }: { status: Fulfilment }): ReactElement {
  return (
    <span className="status" data-status={status}>
      <span aria-hidden="true">{symbols[status]}</span> {t(`status.${status}`)}
    </span>
  );
}
