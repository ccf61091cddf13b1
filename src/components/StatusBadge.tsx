/**
 * A pledge's status: a symbol and words, never colour alone, for React (the pledge card and the CMS preview);
 * src/components/StatusBadge.astro writes the same markup on the pages without a React render per row.
 */
import type { ReactElement } from 'react';
import { t } from '../i18n/t.ts';
import { type Fulfilment, statusSymbols } from '../lib/pledgeStatus.ts';

export default function StatusBadge({ status }: { status: Fulfilment }): ReactElement {
  return (
    <span className="status" data-status={status}>
      <span aria-hidden="true">{statusSymbols[status]}</span> {t(`status.${status}`)}
    </span>
  );
}
