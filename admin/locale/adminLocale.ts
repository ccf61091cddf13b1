/**
 * The admin's Chinese, for how this admin publishes. With the review
 * workflow (a git host, or decap-server in git mode) 发布 means what it says:
 * the entry goes onto the board. Without it (`npm start`'s file mode, where
 * Decap saves straight into content/) the one button only saves the file, and
 * says so: 保存.
 */
import { zhHans } from './zhHans.ts';

export type Publishing = 'workflow' | 'simple';

export function adminLocale(publishing: Publishing): typeof zhHans {
  if (publishing === 'workflow') return zhHans;
  return {
    ...zhHans,
    editor: {
      ...zhHans.editor,
      editorToolbar: {
        ...zhHans.editor.editorToolbar,
        publish: '保存',
        publishing: '正在保存……',
        published: '已保存',
        publishNow: '立即保存',
        publishAndCreateNew: '保存，然后新建条目',
        publishAndDuplicate: '保存，然后复制此条目',
      },
    },
    ui: { ...zhHans.ui, toast: { ...zhHans.ui.toast, entryPublished: '条目已保存' } },
  };
}
