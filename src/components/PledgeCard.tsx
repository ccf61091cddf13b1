/**
 * One pledge as the public reads it: title, category, deadline, status, the
 * pledge text, measures and the ledger records. Rendered to static HTML by
 * the member letter and the pledge page, and live by the CMS preview, so an
 * editor sees exactly what will be published.
 */
import type { ReactElement } from 'react';
import { t } from '../i18n/t.ts';
import type { Pledge } from '../lib/model.ts';
import type { Fulfilment } from '../lib/pledgeStatus.ts';
import { categories, labelOf } from '../schemas/options.ts';
import StatusBadge from './StatusBadge.tsx';

export interface PledgeCardProps {
  data: Pick<Pledge, 'title' | 'category' | 'deadline' | 'measures' | 'records'>;
  /** Fulfilment as of the site's date; absent while the pledge is not approved. */
  status: Fulfilment | null;
  /** The pledge text as sanitised HTML (src/lib/renderMarkdown.ts). */
  html: string;
  asOf: string;
  /** Heading level of the title. */
  level?: 1 | 2 | 3;
  href?: string;
}

/**
 * `<time datetime>` in lowercase: React would write the property name
 * `dateTime` into the static HTML, which validators flag.
 */
function when(date: string | undefined): Record<string, string | undefined> {
  return { datetime: date };
}

export default function PledgeCard({ data, status, html, asOf, level = 2, href }: PledgeCardProps): ReactElement {
  const H = `h${level}` as 'h1' | 'h2' | 'h3';
  const records = (data.records ?? []).filter((r) => r.date <= asOf);
  return (
    <article className="pledge" data-status={status ?? undefined}>
      <H className="title">{href ? <a href={href}>{data.title}</a> : data.title}</H>
      <p className="meta">
        <span className="cat">{labelOf(categories, data.category)}</span>
        <span>
          {t('pledge.deadline')}:<time {...when(data.deadline)}>{data.deadline}</time>
        </span>
        {status && <StatusBadge status={status} />}
      </p>
      <div className="text" dangerouslySetInnerHTML={{ __html: html }} />
      {data.measures && data.measures.length > 0 && (
        <>
          <p className="label">{t('pledge.measures')}:</p>
          <ol className="measures">
            {data.measures.map((m, i) => (
              <li key={i}>{m}</li>
            ))}
          </ol>
        </>
      )}
      <p className="label">{t('pledge.timeline')}:</p>
      {records.length === 0 ? (
        <p className="muted">{t('pledge.noRecords')}</p>
      ) : (
        // Left out of the search index: the pledge's own text is what people search for, and records are most of a large site's text.
        <ol className="timeline" data-pagefind-ignore="">
          {records.map((r, i) => (
            <li key={i}>
              <time {...when(r.date)}>{r.date}</time>
              <span className="note">{r.note}</span>
              <span className="progress">{t('pledge.progress', { p: r.progress })}</span>
            </li>
          ))}
        </ol>
      )}
    </article>
  );
}
