import Link from 'next/link';

export function AdminNav() {
  return (
    <nav aria-label="Administration" className="subnav">
      <Link href="/admin">Users</Link>
      <Link href="/admin/orgs">Organizations</Link>
      <Link href="/admin/audit">Platform audit log</Link>
    </nav>
  );
}
