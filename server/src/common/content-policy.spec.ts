import { createHash } from 'node:crypto';
import { h5ContentPolicy } from './content-policy.js';

describe("the H5 app's content policy", () => {
  it('allows the inline scripts of the built page by their hash, and no other inline script', () => {
    const inline = '!function(n){n.document.documentElement.style.fontSize="20px"}(window);';
    const html = `<html><head><script>${inline}</script><script defer="defer" src="/js/app.1.js"></script></head><body></body></html>`;
    const policy = h5ContentPolicy(html);
    const hash = createHash('sha256').update(inline).digest('base64');
    expect(policy).toContain(`script-src 'self' 'sha256-${hash}';`);
    expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(policy.match(/sha256-/g)).toHaveLength(1);
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("object-src 'none'");
  });

  it("is the plain 'self' policy when there is no built page", () => {
    expect(h5ContentPolicy('')).toContain("script-src 'self';");
  });

  it('lets images load from the object store photos are redirected to, and from nowhere else', () => {
    expect(h5ContentPolicy('', 'https://minqing-photos.oss-cn-beijing.aliyuncs.com')).toContain("img-src 'self' data: blob: https://minqing-photos.oss-cn-beijing.aliyuncs.com;");
    expect(h5ContentPolicy('')).toContain("img-src 'self' data: blob:;");
  });
});
