#!/usr/bin/env bash
# Generates a migration for each dialect from the difference between the entities and the schema
# that the existing migrations build. Usage: npm run migration:generate -- AddSomething
set -euo pipefail
name=${1:?usage: npm run migration:generate -- <MigrationName>}
cd "$(dirname "$0")/.."
mysql_base=${MIGRATION_MYSQL_URL:-mariadb://root@127.0.0.1:3306}
db="jalin_migration_gen_$$"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; mysql -uroot -h127.0.0.1 -e "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true' EXIT
mysql -uroot -h127.0.0.1 -e "CREATE DATABASE $db CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
export TS_NODE_TRANSPILE_ONLY=1
cli=(npx typeorm-ts-node-commonjs)
DATABASE_URL="sqlite:$tmp/gen.sqlite" "${cli[@]}" migration:run -d ormconfig.ts >/dev/null
DATABASE_URL="sqlite:$tmp/gen.sqlite" "${cli[@]}" migration:generate -d ormconfig.ts "src/migrations/sqlite/$name" || true
DATABASE_URL="$mysql_base/$db" "${cli[@]}" migration:run -d ormconfig.ts >/dev/null
DATABASE_URL="$mysql_base/$db" "${cli[@]}" migration:generate -d ormconfig.ts "src/migrations/mysql/$name" || true
# MySQL tables are utf8mb4 whatever the server's default; board order keys compare byte-wise.
for f in src/migrations/mysql/*-"$name".ts; do
  [ -f "$f" ] || continue
  sed -i 's/ENGINE=InnoDB`/ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`/' "$f"
done
echo "Review the generated files, then run the migrations test: npx jest test/migrations.test.ts"
