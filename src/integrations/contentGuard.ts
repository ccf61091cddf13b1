/**
 * Runs the same check as `npm run check` before Astro reads any content, so
 * `astro build` stops on exactly the same errors with the same messages —
 * and stops before it touches `dist/`, so what is already published stays.
 * The check covers the media folder of the public folder Astro copies into
 * `dist/` (`<publicDir>/uploads`), so an SVG or HTML file there stops the
 * build too. In `astro dev` the report is printed and the server keeps running.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { backendFromEnv } from '../cms/backendFromEnv.ts';
import { checkedContent } from '../loader/contentCache.ts';
import { asOfLine } from '../loader/asOfLine.ts';
import { formatReport } from '../loader/formatReport.ts';
import { contentDir } from '../loader/contentDir.ts';
import { timed } from '../loader/buildTimings.ts';

export function contentGuard(): AstroIntegration {
  return {
    name: 'content-guard',
    hooks: {
      'astro:config:setup': ({ command, config, logger }) => {
        if (command !== 'build' && command !== 'dev') return;
        if (command === 'build') {
          // The CMS backend settings are checked here too, so a wrong one stops the build with a plain message.
          const backend = backendFromEnv(process.env);
          if (backend.errors.length) {
            process.stderr.write(
              `\n后台（CMS）设置有误，网站没有生成，已发布的网站保持不变：\n${backend.errors.map((e) => `  ${e}`).join('\n')}\n`,
            );
            process.exit(1);
          }
        }
        const uploadsDir = join(fileURLToPath(config.publicDir), 'uploads');
        const result = timed('check', () => checkedContent(contentDir(), { revalidate: command === 'dev', uploadsDir }));
        if (!result.errors.length) {
          logger.info(`内容检查通过：${result.files} 个文件，${result.findings.length} 条审计提示（运行 npm run check 查看）。`);
          // The same date the pages count at (src/data/board.ts reads it from this check).
          if (result.asOf && result.asOfSource && result.timeZone) logger.info(asOfLine(result.asOf, result.asOfSource, result.timeZone));
          return;
        }
        const report = formatReport({ ...result, findings: [] });
        if (command === 'dev') {
          logger.warn(`\n${report}`);
          return;
        }
        process.stderr.write(`\n${report}\n\n内容检查未通过，网站没有生成，已发布的网站保持不变。\n`);
        // Exit here rather than throw: Astro would wrap a thrown error in an English stack-trace banner.
        process.exit(1);
      },
      'astro:server:setup': ({ server }) => {
        // The pages read content through contentCache, not Vite's module graph: reload the browser when a content file changes.
        const dir = contentDir();
        server.watcher.add(dir);
        const reload = (file: string) => {
          if (file.startsWith(dir)) server.ws.send({ type: 'full-reload' });
        };
        server.watcher.on('change', reload);
        server.watcher.on('add', reload);
        server.watcher.on('unlink', reload);
      },
    },
  };
}
