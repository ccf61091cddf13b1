/** Names by id and the site's as-of date, fetched once from the generated names.json beside the admin. */
import { useEffect, useState } from 'react';

export interface SiteFacts {
  asOf?: string;
  names: Record<string, string>;
}

let facts: Promise<SiteFacts> | undefined;

export function useSiteFacts(): SiteFacts {
  const [value, setValue] = useState<SiteFacts>({ names: {} });
  useEffect(() => {
    facts ??= fetch('./names.json')
      .then((r) => (r.ok ? r.json() : { names: {} }))
      .catch(() => ({ names: {} }));
    void facts.then(setValue);
  }, []);
  return value;
}
