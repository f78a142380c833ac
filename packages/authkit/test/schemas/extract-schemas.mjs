#!/usr/bin/env node
// Regenerates the vendored upstream schemas the directory adapter tests validate against.
// Run from packages/authkit after bumping @goauthentik/api or @keycloak/keycloak-admin-client:
//   node test/schemas/extract-schemas.mjs
// Both inputs are read from the installed npm packages, so the version recorded is the one installed.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import ts from 'typescript';
import { parse } from 'yaml';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, '..', '..', 'package.json'));

/** Operations the Authentik directory adapter and operator actions call (keep in sync with the code). */
export const AUTHENTIK_OPERATIONS = [
  'core_users_list',
  'core_groups_list',
  'core_applications_list',
  'core_applications_create',
  'core_applications_partial_update',
  'providers_proxy_list',
  'providers_proxy_create',
  'providers_proxy_partial_update',
  'providers_oauth2_list',
  'providers_oauth2_create',
  'providers_oauth2_partial_update',
  'outposts_instances_list',
  'outposts_instances_partial_update',
  'outposts_instances_health_list',
  'flows_instances_list',
  'flows_bindings_list',
  'flows_bindings_create',
  'stages_authenticator_validate_list',
  'stages_authenticator_validate_create',
  'stages_authenticator_validate_partial_update',
];

/** Written as the repo's Prettier would, so `prettier --check .` accepts the vendored files. */
async function writeJson(file, value) {
  const options = (await resolveConfig(file)) ?? {};
  writeFileSync(
    file,
    await format(JSON.stringify(value), { ...options, parser: 'json', filepath: file }),
  );
}

function packageDir(name) {
  return dirname(require.resolve(`${name}/package.json`));
}

function collectRefs(node, into) {
  if (Array.isArray(node)) for (const item of node) collectRefs(item, into);
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') into.add(value);
      else collectRefs(value, into);
    }
  }
}

async function extractAuthentik() {
  const dir = packageDir('@goauthentik/api');
  const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const doc = parse(readFileSync(join(dir, 'schema.yml'), 'utf8'), { maxAliasCount: -1 });
  const paths = {};
  const kept = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!op || typeof op !== 'object' || !AUTHENTIK_OPERATIONS.includes(op.operationId)) continue;
      paths[path] ??= {};
      paths[path][method] = op;
      kept.push(op.operationId);
    }
  }
  const missing = AUTHENTIK_OPERATIONS.filter((id) => !kept.includes(id));
  if (missing.length)
    throw new Error(`schema.yml ${version} lacks operations: ${missing.join(', ')}`);

  // Follow $refs transitively so the subset is self-contained.
  const components = { schemas: {}, responses: {}, parameters: {} };
  const pending = new Set();
  collectRefs(paths, pending);
  const seen = new Set();
  while (pending.size) {
    const [ref] = pending;
    pending.delete(ref);
    if (seen.has(ref)) continue;
    seen.add(ref);
    const [, , section, name] = ref.split('/');
    const value = doc.components[section][name];
    components[section][name] = value;
    collectRefs(value, pending);
  }
  const subset = {
    openapi: doc.openapi,
    info: {
      ...doc.info,
      'x-extracted-from': `npm @goauthentik/api@${version}, file schema.yml (authentik's published OpenAPI ${doc.info.version})`,
      'x-extracted-by': 'packages/authkit/test/schemas/extract-schemas.mjs',
      'x-operations': kept.sort(),
    },
    paths,
    components: {
      ...components,
      securitySchemes: doc.components.securitySchemes,
    },
  };
  mkdirSync(join(here, 'authentik'), { recursive: true });
  const file = join(here, 'authentik', `schema-${version}.subset.json`);
  await writeJson(file, subset);
  console.log(
    `authentik ${version}: ${kept.length} operations, ${seen.size} components -> ${file}`,
  );
}

/** A TypeScript type from the admin client's declarations as JSON Schema (the subset it uses). */
function toSchema(checker, type, defs, depth = 0) {
  if (type.isUnion()) {
    const parts = type.types.filter((t) => !(t.flags & ts.TypeFlags.Undefined));
    if (parts.every((t) => t.flags & (ts.TypeFlags.BooleanLiteral | ts.TypeFlags.Boolean))) {
      return { type: 'boolean' };
    }
    if (parts.some((t) => t.flags & ts.TypeFlags.String)) return { type: 'string' };
    if (parts.every((t) => t.isStringLiteral()))
      return { type: 'string', enum: parts.map((t) => t.value) };
    if (parts.length === 1) return toSchema(checker, parts[0], defs, depth);
    return { anyOf: parts.map((t) => toSchema(checker, t, defs, depth)) };
  }
  if (type.flags & ts.TypeFlags.String || type.isStringLiteral()) return { type: 'string' };
  if (type.flags & ts.TypeFlags.Number) return { type: 'number' };
  if (type.flags & (ts.TypeFlags.Boolean | ts.TypeFlags.BooleanLiteral)) return { type: 'boolean' };
  if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return {};
  if (checker.isArrayType(type)) {
    return {
      type: 'array',
      items: toSchema(checker, checker.getTypeArguments(type)[0], defs, depth),
    };
  }
  const index = type.getStringIndexType();
  if (index && type.getProperties().length === 0) {
    return { type: 'object', additionalProperties: toSchema(checker, index, defs, depth) };
  }
  // Default-exported interfaces have the symbol name `default`; their declaration has the real one.
  const symbol = type.aliasSymbol ?? type.getSymbol();
  const name = symbol?.declarations?.[0]?.name?.getText() ?? symbol?.getName();
  if (name && name !== '__type' && depth > 0) {
    if (!(name in defs)) {
      defs[name] = {};
      defs[name] = objectSchema(checker, type, defs, depth);
    }
    return { $ref: `#/definitions/${name}` };
  }
  return objectSchema(checker, type, defs, depth);
}

function objectSchema(checker, type, defs, depth) {
  const properties = {};
  for (const symbol of type.getProperties()) {
    const declaration = symbol.valueDeclaration ?? symbol.declarations?.[0];
    properties[symbol.getName()] = toSchema(
      checker,
      checker.getTypeOfSymbolAtLocation(symbol, declaration),
      defs,
      depth + 1,
    );
  }
  // Closed objects: a mock body with a field the admin client does not know fails validation.
  return { type: 'object', properties, additionalProperties: false };
}

async function extractKeycloak() {
  const dir = packageDir('@keycloak/keycloak-admin-client');
  const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const files = {
    UserRepresentation: join(dir, 'lib/defs/userRepresentation.d.ts'),
    GroupRepresentation: join(dir, 'lib/defs/groupRepresentation.d.ts'),
  };
  const program = ts.createProgram(Object.values(files), { strict: true, skipLibCheck: true });
  const checker = program.getTypeChecker();
  const definitions = {};
  for (const [name, file] of Object.entries(files)) {
    const source = program.getSourceFile(file);
    const moduleSymbol = checker.getSymbolAtLocation(source);
    const exported = checker
      .getExportsOfModule(moduleSymbol)
      .find((s) => s.getName() === 'default');
    const type = checker.getDeclaredTypeOfSymbol(exported);
    definitions[name] = {};
    definitions[name] = objectSchema(checker, type, definitions, 0);
  }
  const out = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: `Keycloak admin representations (@keycloak/keycloak-admin-client ${version})`,
    description:
      "NOT Keycloak's published admin OpenAPI (that document is not shipped in any npm package reachable here). " +
      `Derived mechanically from the representation types in npm @keycloak/keycloak-admin-client@${version} ` +
      '(lib/defs/userRepresentation.d.ts, lib/defs/groupRepresentation.d.ts) by ' +
      'packages/authkit/test/schemas/extract-schemas.mjs. All fields optional, as in those types.',
    'x-source-package': `@keycloak/keycloak-admin-client@${version}`,
    definitions,
  };
  mkdirSync(join(here, 'keycloak'), { recursive: true });
  const file = join(here, 'keycloak', `admin-client-${version}.representations.json`);
  await writeJson(file, out);
  console.log(`keycloak ${version}: ${Object.keys(definitions).length} definitions -> ${file}`);
}

await extractAuthentik();
await extractKeycloak();
