import { readFileSync } from 'node:fs';

/**
 * The files the README tells a user to add: code blocks in its "Add it to a Next.js" section whose
 * first line is `// <path>`. Testing these exact blocks keeps the README honest.
 */
export function readmeFiles(readmePath: string): Map<string, string> {
  const readme = readFileSync(readmePath, 'utf8');
  const start = readme.indexOf('## Add it to a Next.js');
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end === -1 ? undefined : end);
  const files = new Map<string, string>();
  for (const match of section.matchAll(/```tsx?\n\/\/ (\S+)\n([\s\S]*?)```/g)) {
    files.set(match[1]!, match[2]!);
  }
  return files;
}
