/**
 * The admin entry: Decap CMS bundled from npm (no CDN), in Chinese. The
 * configuration is not compiled in: Decap loads `config.yml` beside this page,
 * which the site build generates from the field tables and the content, so a
 * content change never requires rebuilding this bundle.
 */
import './randomUUID.ts';
import './serverWatch.ts';
import CMS from './decap.ts';
import { clearEditorAlert, showEditorAlert, startChrome } from './chrome.ts';
import { registerContentFormats } from './contentFormat.ts';
import { adminLocale } from './locale/adminLocale.ts';
import { registerPreviews } from './previews/registerPreviews.ts';
import { entryProblems } from './entryProblems.ts';
import { startMonthPage } from './month/mountMonthPage.ts';
import { loadFacts } from './siteFacts.ts';
import { asControl } from './widgets/asControl.ts';
import { ChoicesControl } from './widgets/choicesWidget.ts';
import { DayControl, DayPreview } from './widgets/dayWidget.ts';
import { FileIdControl } from './widgets/fileIdWidget.ts';
import { RefControl, RefPreview } from './widgets/refWidget.ts';
import { RoundControl, RoundPreview } from './widgets/roundWidget.ts';
import { SelectPreview } from './widgets/selectPreview.ts';
import { withFieldRules } from './widgets/withFieldRules.ts';
import { isWorkflowPublish, publishBlockers } from './workflowRules.ts';

registerContentFormats(CMS);
CMS.registerWidget('ref', asControl(RefControl) as never, RefPreview as never);
CMS.registerWidget('round', asControl(RoundControl) as never, RoundPreview as never);
CMS.registerWidget('day', asControl(DayControl) as never, DayPreview as never);
CMS.registerWidget('fileId', asControl(FileIdControl) as never);
// Decap's own select, previewed by its Chinese label instead of the stored slug (上半年, not h1).
const select = CMS.getWidget('select') as unknown as { control: unknown; schema?: unknown };
(CMS.registerWidget as unknown as (name: string, control: unknown, preview: unknown, schema?: unknown) => void)(
  'select',
  select.control,
  SelectPreview,
  select.schema,
);
CMS.registerWidget('choices', asControl(ChoicesControl) as never, SelectPreview as never);
// Every control the field tables use also reports the save rules' problems at its own field when Decap validates it,
// so one save shows them all at once beside Decap's own (admin/widgets/withFieldRules.ts). The registry's entry is
// changed in place: its preview, schema and styles stay as registered.
for (const name of ['string', 'text', 'number', 'boolean', 'select', 'list', 'object', 'ref', 'round', 'day', 'fileId', 'choices']) {
  const widget = CMS.getWidget(name) as unknown as { control: unknown };
  widget.control = withFieldRules(widget.control as never, name === 'list' || name === 'object');
}
registerPreviews(CMS);

type EntryMap = { get(key: string): unknown; getIn(path: string[]): unknown };

// The last guard: whatever the content check would refuse and no field has shown (a file it could not read, a file
// outside any round's folder), with its Chinese message at the top of the form and in the notice.
CMS.registerEventListener({
  name: 'preSave',
  handler: ({ entry }: { entry: EntryMap }) => {
    const blockers = [...new Set(entryProblems(entry).map((p) => p.message))];
    if (blockers.length) {
      showEditorAlert(blockers);
      throw new Error(blockers.join(' '));
    }
    clearEditorAlert();
    return undefined;
  },
});

// A saved member, org or round is a new name: fetch the names again so lists and previews show it at once.
CMS.registerEventListener({ name: 'postSave', handler: () => void loadFacts() });

// Publishing a pledge from the editorial workflow is the branch's sign-off: refuse it until 审核状态 records the
// decision (shown in the publish-failed notice). Decap also fires prePublish on every simple-mode save (the entry
// is then the editor draft, status ''), where drafts must stay savable: only the workflow publish, whose entry
// carries its workflow status (draft / pending_review / pending_publish), is checked.
CMS.registerEventListener({
  name: 'prePublish',
  handler: ({ entry }: { entry: EntryMap }) => {
    if (!['pledges', 'org-pledges'].includes(String(entry.get('collection')))) return undefined;
    if (!isWorkflowPublish(entry.get('status'))) return undefined; // a simple-mode save
    const blockers = publishBlockers((entry.get('data') as { toJS(): Record<string, unknown> }).toJS());
    if (blockers.length) throw new Error(blockers.join(' '));
    return undefined;
  },
});

// Names (members, orgs, rounds) first: the file format derives the lists' words from them as Decap reads the content.
void loadFacts().then((site) => {
  CMS.registerLocale('zh_Hans', adminLocale(site.publishing ?? 'workflow'));
  startChrome({ boardName: site.boardName });
  CMS.init();
  startMonthPage();
});
