import type { NextConfig } from 'next';

// Nothing Catalyst-specific is needed here.
const nextConfig: NextConfig = {};

export default nextConfig;
