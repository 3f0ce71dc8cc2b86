import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

// The README is the front door and docs/ holds the depth: every relative link between them, and
// every #anchor, must lead somewhere, and the README must stay short enough to read in minutes.
const ROOT = join(__dirname, '../..');
const PAGES = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.md'))
    .map((f) => join('docs', f)),
];

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to dashes. */
const anchorOf = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');

const anchorsIn = (file: string) =>
  new Set(
    readFileSync(file, 'utf8')
      .replace(/```[\s\S]*?```/g, '')
      .split('\n')
      .filter((line) => /^#{1,6} /.test(line))
      .map((line) => anchorOf(line.replace(/^#+ /, ''))),
  );

/** Every relative link of a page that does not lead to a file, or to a heading of it. */
function brokenLinks(page: string, markdown = readFileSync(join(ROOT, page), 'utf8')): string[] {
  const text = markdown.replace(/```[\s\S]*?```/g, '');
  const targets = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((t) => !/^[a-z]+:/.test(t));
  return targets.filter((target) => {
    const [path, anchor] = target.split('#') as [string, string | undefined];
    const file = path ? join(ROOT, dirname(page), path) : join(ROOT, page);
    if (!existsSync(file)) return true;
    return anchor !== undefined && file.endsWith('.md') && !anchorsIn(file).has(anchor);
  });
}

describe('the README and docs/', () => {
  it.each(PAGES)('%s: every relative link and anchor leads somewhere', (page) => {
    expect(brokenLinks(page)).toEqual([]);
  });

  it('would catch a missing page and a missing anchor, and skips links in code', () => {
    const markdown = '[a](docs/no-such-page.md) [b](docs/ci-cd.md#no-such-heading) [c](docs/ci-cd.md#set-up-once-per-aws-account)\n```\n[d](gone.md)\n```\n';

    expect(brokenLinks('README.md', markdown)).toEqual(['docs/no-such-page.md', 'docs/ci-cd.md#no-such-heading']);
  });

  it("the README stays a front door: at most 200 lines, and links every page of docs/ (a folder's pages from the page named after it)", () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const docs = PAGES.filter((p) => p.startsWith('docs/'));

    expect(readme.split('\n').length).toBeLessThanOrEqual(200);
    for (const page of docs.filter((p) => p.split('/').length === 2)) expect(readme).toContain(`](${page})`);
    for (const page of docs.filter((p) => p.split('/').length === 3)) {
      const [, folder, name] = page.split('/');
      expect(readFileSync(join(ROOT, 'docs', `${folder}.md`), 'utf8')).toContain(`](${folder}/${name})`);
    }
  });
});
