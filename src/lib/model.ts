/**
 * The validated content, as plain data: what every function in `src/lib`
 * takes. Produced by the loader (`src/loader`) or by Astro's collections.
 */
import type { Bulletin } from '../schemas/bulletin.ts';
import type { Check } from '../schemas/check.ts';
import type { Commendation } from '../schemas/commendation.ts';
import type { Evaluation, MemberEvaluation } from '../schemas/evaluation.ts';
import type { Member } from '../schemas/member.ts';
import type { Org } from '../schemas/org.ts';
import type { Pledge } from '../schemas/pledge.ts';
import type { Review } from '../schemas/review.ts';
import type { Round } from '../schemas/round.ts';
import type { Site } from '../schemas/site.ts';

export type { Bulletin, Check, Commendation, Evaluation, MemberEvaluation, Member, Org, Pledge, Review, Round, Site };

/** One content file: its id (the file name, `<round>/<name>` in per-round folders) and its data. */
export interface Entry<T> {
  id: string;
  /** Path relative to the repository root, for messages. */
  file: string;
  data: T;
  /** The Markdown body, where the type has one. */
  body?: string;
  /** The round folder of a per-round file. */
  round?: string;
}

export interface ContentModel {
  site: Entry<Site>;
  rounds: Entry<Round>[];
  orgs: Entry<Org>[];
  members: Entry<Member>[];
  pledges: Entry<Pledge>[];
  checks: Entry<Check>[];
  bulletins: Entry<Bulletin>[];
  reviews: Entry<Review>[];
  evaluations: Entry<Evaluation>[];
  commendations: Entry<Commendation>[];
}
