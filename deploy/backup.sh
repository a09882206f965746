#!/bin/sh
# Back up the portal's PostgreSQL database with pg_dump -Fc and apply the retention rule.
#
# Environment (from /etc/desabinaan/desabinaan.env and desabinaan-backup.service):
#   DATABASE_URL          postgres://user:pass@host:5432/name (required)
#   BACKUP_DIR            where dumps are kept (default /srv/desabinaan/backups)
#   BACKUP_KEEP_DAILY     daily dumps kept (default 14)
#   BACKUP_KEEP_MONTHLY   dumps of the 1st of the month kept (default 12)
#
# Retention: the newest BACKUP_KEEP_DAILY dumps are kept; in addition the dump made on the first day of each
# month is kept for BACKUP_KEEP_MONTHLY months. Everything older is deleted. A dump is written under a
# temporary name and renamed only after pg_dump succeeded and pg_restore --list can read it, so a failed
# run never replaces a good dump and never triggers the deletion of old ones.
# Copy BACKUP_DIR off the database host (rsync, object storage); a backup on the same disk is no backup.
set -eu

: "${DATABASE_URL:?DATABASE_URL is required}"
BACKUP_DIR=${BACKUP_DIR:-/srv/desabinaan/backups}
KEEP_DAILY=${BACKUP_KEEP_DAILY:-14}
KEEP_MONTHLY=${BACKUP_KEEP_MONTHLY:-12}

mkdir -p "$BACKUP_DIR/daily" "$BACKUP_DIR/monthly"
stamp=$(date +%Y-%m-%dT%H%M%S)
target="$BACKUP_DIR/daily/desabinaan-$stamp.dump"
partial="$target.partial"

trap 'rm -f "$partial"' EXIT
# Django's URL scheme "postgres://" is understood by libpq as well.
pg_dump --format=custom --compress=6 --no-owner --no-privileges --file="$partial" --dbname="$DATABASE_URL"
pg_restore --list "$partial" >/dev/null
mv "$partial" "$target"
trap - EXIT

if [ "$(date +%d)" = "01" ]; then
    ln -f "$target" "$BACKUP_DIR/monthly/" 2>/dev/null || cp "$target" "$BACKUP_DIR/monthly/"
fi

# Newest first; keep the first N, delete the rest.
prune() {
    dir=$1
    keep=$2
    ls -1t "$dir"/desabinaan-*.dump 2>/dev/null | tail -n +"$((keep + 1))" | while read -r old; do
        rm -f -- "$old"
    done
}
prune "$BACKUP_DIR/daily" "$KEEP_DAILY"
prune "$BACKUP_DIR/monthly" "$KEEP_MONTHLY"

size=$(du -h "$target" | cut -f1)
echo "backup ok: $target ($size)"
