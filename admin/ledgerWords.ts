/**
 * What the pledge list shows of each pledge's ledger, derived as Decap reads
 * the file (never written back): its status today (view_status, and
 * view_state for the filters), its last record's date (view_last), and
 * whether it still owes this period's record (view_due: R6's own function,
 * with the owner's branch cadence from names.json). The list's summary and its
 * filters 本月未记实, 已逾期, 进行中 and 已销号 read these words.
 */
import { t } from '../src/i18n/t.ts';
import { todayIn } from '../src/lib/dates.ts';
import type { Pledge } from '../src/lib/model.ts';
import { fulfilmentOf, latestRecord } from '../src/lib/pledgeStatus.ts';
import { ledgerPeriodOf, owesRecordFor, type RecordCadence } from '../src/lib/recordGaps.ts';
import { reviewStatuses } from '../src/schemas/options.ts';
import { facts } from './siteFacts.ts';

/** The cadence of an owner's branch, from names.json (`cadences`: org id → cadence, '' the site's). */
function cadenceOf(owner: unknown): RecordCadence {
  const f = facts() as ReturnType<typeof facts> & { cadences?: Record<string, RecordCadence> };
  const org = f.members.find((m) => m.id === owner)?.org ?? (typeof owner === 'string' ? owner : '');
  return f.cadences?.[org] ?? f.cadences?.[''] ?? 'month';
}

/** The `view_` words of a pledge's ledger as of `today` (unless given: today in the site's time zone, Asia/Shanghai when none). */
export function ledgerWords(data: Record<string, unknown>, today = todayIn(facts().timeZone, new Date())): Record<string, string> {
  const p = data as unknown as Pledge;
  if (!p.review || typeof p.review !== 'object') return {};
  try {
    const state = fulfilmentOf(p, today);
    const last = latestRecord(p, today);
    const cadence = cadenceOf(p.owner);
    const due = state !== null && owesRecordFor(p, cadence, ledgerPeriodOf(cadence, today));
    return {
      view_state: state ?? p.review.status,
      view_status: state ? t(`status.${state}`) : (reviewStatuses.find((s) => s.value === p.review.status)?.label ?? ''),
      view_last: last ? `最近记实 ${last.date}` : '尚无记实',
      view_due: due ? (cadence === 'month' ? '本月未记实' : '本学期未记实') : '',
    };
  } catch {
    // A half-filled form (Decap reads drafts too) has no ledger words.
    return {};
  }
}
