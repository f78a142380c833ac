import { AuthProvider } from '@catalyst/next';
import type { Metadata } from 'next';
import type { ReactNode } from 'react';
// The optional theme for the Catalyst components (light and dark); the page shell is globals.css.
import '@catalyst/react/styles.css';
import './globals.css';

export const metadata: Metadata = { title: 'Catalyst Authkit demo' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <AuthProvider>{children}</AuthProvider>
      </body>
    </html>
  );
}
