/**
 * 依岗承诺: the post a member's pledge is made on, as the pledge card names it. 无职党员 are given a post by
 * their branch (设岗定责, `assignedPost`) and pledge on it; a pledge marked `onPost` names that post, or the
 * member's own post when the branch set none.
 */
import type { Member, Pledge } from './model.ts';

/**
 * The post named beside a pledge marked 依岗承诺: the owner's assigned post, else their own post, else '' (the
 * mark without a post); undefined when the pledge is not marked or its owner is not a member.
 * @example postPledgedOn({ onPost: true }, { name: '蒋浩', org: 'x', status: 'active', assignedPost: '平安巡防先锋岗' }) // '平安巡防先锋岗'
 */
export function postPledgedOn(
  pledge: Pick<Pledge, 'onPost'>,
  owner: Pick<Member, 'post' | 'assignedPost'> | undefined,
): string | undefined {
  if (!pledge.onPost || !owner) return undefined;
  return owner.assignedPost ?? owner.post ?? '';
}
