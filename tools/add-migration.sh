#!/usr/bin/env bash
# Adds a migration for both providers: tools/add-migration.sh <Name>
set -euo pipefail
cd "$(dirname "$0")/../src/Huying"
name=${1:?usage: tools/add-migration.sh <Name>}
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  dotnet ef migrations add "$name" --context "${provider}HuyingDbContext" \
    --output-dir "Migrations/$provider" --namespace "Huying.Migrations.$provider"
done
# The ef tool may write the model snapshot below a doubled project folder; put it beside its migrations.
if [ -d Huying/Migrations ]; then
  for provider in Sqlite Postgres; do
    [ -d "Huying/Migrations/$provider" ] && mv Huying/Migrations/$provider/*.cs "Migrations/$provider/"
  done
  rm -rf Huying
fi
rm -f design.db
