import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // The embedded database (PGlite) loads WebAssembly from its own package folder at run time.
  serverExternalPackages: ['@electric-sql/pglite'],
};

export default nextConfig;
