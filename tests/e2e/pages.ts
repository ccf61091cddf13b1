/** One page of every type the board builds, as site paths (no leading slash). */
export interface PageType {
  name: string;
  path: string;
  /** Status the server answers with. */
  status?: number;
  /** Draws charts with chart.js. */
  charts?: boolean;
  /** A search page that should show results before it is checked. */
  search?: boolean;
}

export const pageTypes: PageType[] = [
  { name: 'home', path: '', charts: true },
  { name: 'org page', path: 'orgs/jiaoshi-yi/', charts: true },
  { name: 'member letter', path: 'members/chen-hui/' },
  { name: 'pledge page', path: 'pledges/2025/chen-hui-service/' },
  { name: 'bulletins list', path: 'bulletins/' },
  { name: 'bulletin page', path: 'bulletins/2025/jiaoshi-er-urging/' },
  { name: 'stats', path: 'stats/', charts: true },
  { name: 'pledge list', path: 'lists/overdue/' },
  { name: 'rounds list', path: 'rounds/' },
  { name: 'round archive', path: 'rounds/2025/', charts: true },
  { name: 'about', path: 'about/' },
  { name: 'search with results', path: `search/?q=${encodeURIComponent('家访')}`, search: true },
  { name: 'display screen', path: 'screen/' },
  { name: '404', path: 'no-such-page/', status: 404 },
];
