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
  /** Facts shown right under the title (the pledge page: who pledged, when it was approved). */
  facts?: { label: string; value: string; date?: boolean }[];
  /** Show the ledger records (the pledge page shows them in its 承诺经过 instead). */
  records?: boolean;
  /** 依岗承诺: the post the pledge is made on ('' for the mark without a post; src/lib/postPledgedOn.ts). */
  onPost?: string;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * `<time datetime>` with the attribute in lowercase. Written by React, the property `dateTime` comes out as
 * `dateTime="…"` in the static HTML (which validators flag), and a lowercase `datetime` prop makes React warn
 * in the dev server; so the element is written as markup, its one value escaped.
 */
function Time({ date }: { date: string | undefined }): ReactElement | null {
  if (!date) return null;
  const d = escapeHtml(date);
  // biome-ignore lint/security/noDangerouslySetInnerHtml: the date is escaped above; a <time> element in a string keeps the React tree free of hydration-sensitive markup
  return <span className="time" dangerouslySetInnerHTML={{ __html: `<time datetime="${d}">${d}</time>` }} />;
}

export default function PledgeCard({
  data,
  status,
  html,
  asOf,
  level = 2,
  href,
  facts,
  records: showRecords = true,
  onPost,
}: PledgeCardProps): ReactElement {
  const H = `h${level}` as 'h1' | 'h2' | 'h3';
  const records = (data.records ?? []).filter((r) => r.date <= asOf);
  return (
    <article className="pledge" data-status={status ?? undefined}>
      <H className="title">{href ? <a href={href}>{data.title}</a> : data.title}</H>
      <p className="meta">
        <span className="cat">{labelOf(categories, data.category)}</span>
        <span>
          {t('pledge.deadline')}：<Time date={data.deadline} />
        </span>
        {onPost !== undefined && (
          <span className="on-post" data-on-post="">
            {onPost ? t('pledge.onPostAt', { post: onPost }) : t('pledge.onPost')}
          </span>
        )}
        {status && <StatusBadge status={status} />}
      </p>
      {facts && facts.length > 0 && (
        <dl className="facts" data-pagefind-ignore="">
          {facts.map((f) => (
            <div key={f.label}>
              <dt>{f.label}</dt>
              <dd>{f.date ? <Time date={f.value} /> : f.value}</dd>
            </div>
          ))}
        </dl>
      )}
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: html is the pledge's Markdown rendered by src/lib/renderMarkdown through rehype-sanitize */}
      <div className="text" dangerouslySetInnerHTML={{ __html: html }} />
      {data.measures && data.measures.length > 0 && (
        <>
          <p className="label" data-pagefind-ignore="">
            {t('pledge.measures')}：
          </p>
          <ol className="measures">
            {data.measures.map((m, i) => (
              <li key={i}>{m}</li>
            ))}
          </ol>
        </>
      )}
      {showRecords && (
        <p className="label records-label" data-pagefind-ignore="">
          {/* On paper only the latest record is printed (src/styles/pledge.css), and the label says so. */}
          <span className="latest-mark">{t('pledge.latest')}</span>
          {t('pledge.timeline')}：
        </p>
      )}
      {!showRecords ? null : records.length === 0 ? (
        <p className="muted">{t('pledge.noRecords')}</p>
      ) : (
        // Left out of the search index: the pledge's own text is what people search for, and records are most of a large site's text.
        <ol className="timeline" data-pagefind-ignore="">
          {records.map((r, i) => (
            <li key={i}>
              <Time date={r.date} />
              <span className="note">{r.note}</span>
              <span className="progress">{t('pledge.progress', { p: r.progress })}</span>
            </li>
          ))}
        </ol>
      )}
    </article>
  );
}
