'use client';
import type { AuthClient } from '@catalyst/authkit';
import * as React from 'react';

// Created on first use, not at import: React's server build has no createContext, and server
// components must be able to import this package.
let context: React.Context<AuthClient | null> | undefined;

export function authContext(): React.Context<AuthClient | null> {
  context ??= React.createContext<AuthClient | null>(null);
  return context;
}
