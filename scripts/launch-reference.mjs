// Prints the launch.json reference (a Markdown table) from the manifest's JSON schema
// for the `arm64-guest` debug type, so the README's table is generated, not retyped:
//   node scripts/launch-reference.mjs
import fs from 'node:fs';

const manifest = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const launch = manifest.contributes.debuggers.find((d) => d.type === 'arm64-guest').configurationAttributes.launch;

const typeOf = (schema) => {
  const types = [schema.type].flat();
  if (types.includes('array')) return `array of ${schema.items?.type ?? 'any'}`;
  return types.join(' or ');
};
const cell = (text) => String(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');

const rows = Object.entries(launch.properties).map(([name, schema]) => {
  const required = launch.required.includes(name) ? ' (required)' : '';
  const example = schema.default === undefined ? '' : `\`${JSON.stringify(schema.default)}\``;
  return `| \`${name}\`${required} | ${typeOf(schema)} | ${cell(schema.description)} | ${cell(example)} |`;
});
console.log(['| Attribute | Type | Meaning | Default / example |', '|---|---|---|---|', ...rows].join('\n'));
