import * as React from 'react';

/**
 * A part's content: what the caller passed, else the part's default words. With `asChild` and an
 * empty child element (`<X.Label asChild><span /></X.Label>`), the default goes inside that child.
 */
export function partContent(
  asChild: boolean | undefined,
  children: React.ReactNode,
  fallback: React.ReactNode,
): React.ReactNode {
  if (!asChild) return children ?? fallback;
  if (
    React.isValidElement<{ children?: React.ReactNode }>(children) &&
    children.props.children == null
  ) {
    return React.cloneElement(children, undefined, fallback);
  }
  return children;
}
