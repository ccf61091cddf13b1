/** This build's info (`{ id, builtAt, asOf }`) for the pages that carry it: `/build.json` and the screens. */
import { contentDir } from '../loader/contentDir.ts';
import { boardBuildInfo, type BuildInfo } from '../loader/screenBuildInfo.ts';
import { getBoard } from './board.ts';

export async function getBuildInfo(): Promise<BuildInfo> {
  return boardBuildInfo(await getBoard(), contentDir());
}
