// Deterministic msg_sec_check verdicts for tests and the demo: words that WeChat would call risky,
// and words that it would send to review. Labels are WeChat's: 100 normal, 20001 时政, 20006 违法犯罪.
export interface ContentVerdict {
  suggest: 'pass' | 'review' | 'risky';
  label: number;
  keyword?: string;
}

export const DEFAULT_RISKY_WORDS = ['【违规测试】', '赌博', '毒品'];
export const DEFAULT_REVIEW_WORDS = ['【待审测试】'];

export function judgeContent(content: string, risky: string[], review: string[]): ContentVerdict {
  const riskyHit = risky.find((word) => content.includes(word));
  if (riskyHit) return { suggest: 'risky', label: 20006, keyword: riskyHit };
  const reviewHit = review.find((word) => content.includes(word));
  if (reviewHit) return { suggest: 'review', label: 20001, keyword: reviewHit };
  return { suggest: 'pass', label: 100 };
}
