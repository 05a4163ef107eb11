#!/bin/sh
# The units tried under a real systemd: boots a Debian 12 root in systemd-nspawn, installs focusd
# from this checkout with the README's "On a server" steps as written, and checks the service's
# life (notify and status, reload, stop, restart, watchdog, credentials, many owners, exposure,
# and a big first sync whose worker process must run under the hardening).
#
#   sudo systemd/trial.sh ROOT      ROOT: a Debian 12 root to spend on the trial, for example
#       debootstrap --variant=minbase --include=systemd,python3-venv,sudo bookworm ROOT
#
# It writes ROOT/root/focusd-trial.log and prints it; each check is a line starting "CHECK".
# The root needs the network (pip). It boots once, about five minutes, and powers itself off.
set -u

if [ "${1:-}" != "--inside" ]; then
    root=${1:?usage: trial.sh ROOT}
    here=$(cd "$(dirname "$0")/.." && pwd)
    rm -rf "$root/root/focusd-src" && mkdir -p "$root/root/focusd-src"
    git -C "$here" archive HEAD | tar -x -C "$root/root/focusd-src"
    cp "$0" "$root/root/focusd-trial.sh" && chmod 755 "$root/root/focusd-trial.sh"
    cat > "$root/etc/systemd/system/focusd-trial.service" <<'EOF'
[Unit]
Description=focusd trial
After=multi-user.target
[Service]
Type=oneshot
ExecStart=/root/focusd-trial.sh --inside
StandardOutput=append:/root/focusd-trial.log
StandardError=inherit
[Install]
WantedBy=multi-user.target
EOF
    ln -sf /etc/systemd/system/focusd-trial.service "$root/etc/systemd/system/multi-user.target.wants/"
    rm -f "$root/root/focusd-trial.log"
    timeout 900 systemd-nspawn -q --register=no --keep-unit -D "$root" -b --console=pipe >/dev/null 2>&1
    cat "$root/root/focusd-trial.log"
    grep -q "^CHECK.* FAIL" "$root/root/focusd-trial.log" && exit 1
    exit 0
fi

# ---- inside the booted root, as root, with systemd as PID 1 ----
export PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root SYSTEMD_PAGER= LC_ALL=C.UTF-8
say() { echo "$*"; }
check() { if [ "$2" = ok ]; then say "CHECK $1 PASS: $3"; else say "CHECK $1 FAIL: $3"; fi; }
show() { systemctl show -p ActiveState,SubState,Result,StatusText,WatchdogUSec,NRestarts,MainPID,ExecMainStatus "$1" | tr '\n' ' '; echo; }
prop() { systemctl show -P "$2" "$1"; }
cycles() { journalctl -u "$1" -o cat --no-pager | grep -c '"event": "cycle"'; }
wait_for() {  # wait_for SECONDS COMMAND...: until the command succeeds
    n=$1; shift
    while [ "$n" -gt 0 ]; do "$@" >/dev/null 2>&1 && return 0; sleep 1; n=$((n - 1)); done
    return 1
}
finish() { say "trial ended $(date -u +%H:%M:%S)"; systemctl poweroff; exit 0; }
say "trial started $(date -u +%H:%M:%S) on $(. /etc/os-release; echo "$PRETTY_NAME"), systemd $(systemctl --version | head -1 | cut -d' ' -f2), PID 1: $(cat /proc/1/comm)"

# Mail already delivered to the owners' Maildirs (INBOX and Sent), readable by the service.
for who in ada alice bob; do
    for box in "" .Sent; do mkdir -p /srv/mail/$who/$box/cur /srv/mail/$who/$box/new /srv/mail/$who/$box/tmp; done
    cat > /srv/mail/$who/new/1700000000.1.host <<EOF
From: Grace Hopper <grace@example.org>
To: $who@example.com
Subject: Budget review
Date: $(date -R)
Message-ID: <budget-$who@example.org>

Hi, could you send me the budget numbers by Friday? Thanks, Grace
EOF
done
chmod -R a+rX /srv/mail

# 1. The README's steps, copied from it and run in order.
cd /root/focusd-src
awk '/^### On a server/{on=1} on&&/^```sh/{n++; if(n==1){grab=1; next}} grab&&/^```/{exit} grab' README.md > /root/steps.sh
awk '/^### On a server/{on=1} on&&/^```sh/{n++; if(n==2){grab=1; next}} grab&&/^```/{exit} grab' README.md > /root/owners.sh
say "--- README steps (one owner):"; cat /root/steps.sh
say "--- running them:"
sh -x /root/steps.sh 2>&1 | tail -80
say "--- rc of the steps: done"
wait_for 90 sh -c '[ "$(journalctl -u focusd -o cat --no-pager | grep -c "\"event\": \"cycle\"")" -ge 1 ]'
state=$(systemctl is-active focusd); say "is-active: $state"
say "show: $(show focusd)"
line=$(journalctl -u focusd -o cat --no-pager | grep '"event": "cycle"' | head -1); say "journal: $line"
journalctl -u focusd --no-pager | grep -m1 'Started' ; say "store: $(ls -ln /var/lib/focusd | tail -n +2 | tr '\n' ';')"
store=$(stat -c '%U %a' /var/lib/focusd/focusd.db 2>&1); say "stat focusd.db: $store"
status=$(prop focusd StatusText)
[ "$state" = active ] && [ -n "$line" ] && [ -n "$status" ] && [ "$store" = "focusd 600" ] && \
    [ "$(prop focusd SubState)" = running ]
check 1 "$([ $? = 0 ] && echo ok)" "active, READY reached (SubState running), StatusText '$status', cycle logged, store '$store'"

# 2. Reload, then an invalid config on reload.
pid=$(prop focusd MainPID)
systemctl reload focusd; say "reload rc=$?"
wait_for 30 sh -c 'journalctl -u focusd -o cat --no-pager | grep -q daemon.reloaded'
ok1=$(journalctl -u focusd -o cat --no-pager | grep -m1 'daemon.reloaded'); say "journal: $ok1"
cp /etc/focusd/config.toml /root/config.good
sed -i 's/^backend = "maildir"/backend = "mailbox"\npoll_interval = "soon"/' /etc/focusd/config.toml
systemctl reload focusd; say "reload (invalid config) rc=$?"
wait_for 30 sh -c 'journalctl -u focusd -o cat --no-pager | grep -q daemon.reload_refused'
bad=$(journalctl -u focusd -o cat --no-pager | grep -m1 'daemon.reload_refused'); say "journal: $bad"
cp /root/config.good /etc/focusd/config.toml
sleep 2; say "after: $(show focusd)"
[ -n "$ok1" ] && echo "$bad" | grep -q mail.backend && echo "$bad" | grep -q mail.poll_interval && \
    [ "$(systemctl is-active focusd)" = active ] && [ "$(prop focusd MainPID)" = "$pid" ]
check 2 "$([ $? = 0 ] && echo ok)" "reload logged daemon.reloaded; the invalid config was refused with both problems, same PID $pid still active"

# 3. Stop ends with status 0; a SIGKILL is restarted after RestartSec (2 s for the trial).
systemctl stop focusd
stopped="$(systemctl is-active focusd) / is-failed: $(systemctl is-failed focusd) / $(show focusd)"; say "after stop: $stopped"
journalctl -u focusd -o cat --no-pager | grep -m1 '"event": "daemon.stopped"'
echo "$stopped" | grep -q '^inactive / is-failed: inactive .*Result=success.*ExecMainStatus=0'; stop_ok=$?
mkdir -p /etc/systemd/system/focusd.service.d
printf '[Service]\nRestartSec=2s\n' > /etc/systemd/system/focusd.service.d/trial-restart.conf
systemctl daemon-reload; systemctl start focusd
pid=$(prop focusd MainPID); before=$(prop focusd NRestarts)
kill -9 "$pid"; sleep 1; say "1 s after kill -9 $pid: $(show focusd)"
wait_for 20 sh -c '[ "$(systemctl show -P SubState focusd)" = running ] && [ "$(systemctl show -P MainPID focusd)" != '"$pid"' ]'
after=$(prop focusd NRestarts); say "then: $(show focusd)"
journalctl -u focusd --no-pager | grep -E 'status=9/KILL|Scheduled restart' | tail -2
[ $stop_ok = 0 ] && [ "$after" -gt "$before" ] && [ "$(systemctl is-active focusd)" = active ]
check 3 "$([ $? = 0 ] && echo ok)" "stop: inactive, Result=success, status 0; kill -9 -> NRestarts $before -> $after, active with a new PID"

# 4. The watchdog: pings keep it up past 60 s with WatchdogSec=20s; a stopped process is restarted.
printf '[Service]\nWatchdogSec=20s\n' > /etc/systemd/system/focusd.service.d/trial-watchdog.conf
systemctl daemon-reload; systemctl restart focusd
pid=$(prop focusd MainPID); before=$(prop focusd NRestarts); sleep 65
say "after 65 s: $(show focusd)"
alive=$([ "$(prop focusd MainPID)" = "$pid" ] && [ "$(prop focusd NRestarts)" = "$before" ] && [ "$(prop focusd WatchdogUSec)" = 20s ] && echo yes)
systemctl kill -s STOP focusd; say "SIGSTOP sent to $pid at $(date -u +%H:%M:%S)"
wait_for 90 sh -c '[ "$(systemctl show -P SubState focusd)" = running ] && [ "$(systemctl show -P MainPID focusd)" != '"$pid"' ]'
say "then ($(date -u +%H:%M:%S)): $(show focusd)"
journalctl -u focusd --no-pager | grep -iE 'watchdog|Scheduled restart' | tail -4
[ "$alive" = yes ] && journalctl -u focusd --no-pager | grep -q 'Watchdog timeout' && \
    [ "$(prop focusd NRestarts)" -gt "$before" ] && [ "$(systemctl is-active focusd)" = active ]
check 4 "$([ $? = 0 ] && echo ok)" "same PID and NRestarts after 65 s with WatchdogSec=20s; SIGSTOP -> watchdog timeout -> restarted"
rm -f /etc/systemd/system/focusd.service.d/trial-watchdog.conf

# 6. A secret through LoadCredential=, as the README says: the config names it by its bare name,
#    and no copy is in /etc/focusd, so focusd can only have found it in $CREDENTIALS_DIRECTORY.
install -d -m 0700 /etc/focusd/credentials
(umask 077; echo "sk-trial-not-a-real-key" > /etc/focusd/credentials/llm)
sed -i '/^\[llm\]/a api_key_file = "llm"' /etc/focusd/config.toml
systemctl daemon-reload; systemctl restart focusd; sleep 3
without="$(systemctl is-active focusd) $(journalctl -u focusd -o cat --no-pager | grep 'api_key_file' | tail -1)"
say "without LoadCredential=: $without"
printf '[Service]\nLoadCredential=llm:/etc/focusd/credentials/llm\n' > /etc/systemd/system/focusd.service.d/override.conf
systemctl daemon-reload; systemctl reset-failed focusd; systemctl restart focusd; sleep 3
pid=$(prop focusd MainPID)
say "with LoadCredential=: $(show focusd)"
say "credentials: $(ls -ln /run/credentials/focusd.service/ | tail -n +2)"
envline=$(tr '\0' '\n' < /proc/$pid/environ | grep CREDENTIALS_DIRECTORY); say "environ of $pid: $envline"
[ "$(systemctl is-active focusd)" = active ] && echo "$without" | grep -q "cannot read /etc/focusd/llm" && \
    [ "$envline" = CREDENTIALS_DIRECTORY=/run/credentials/focusd.service ]
check 6 "$([ $? = 0 ] && echo ok)" "without the credential start-up stops on 'cannot read /etc/focusd/llm'; with LoadCredential= it is active and reads /run/credentials/focusd.service/llm"

# 7. Exposure, online, of the running unit.
sec=$(systemd-analyze security --no-pager focusd.service | tail -1); say "$sec"
echo "$sec" | grep -qE 'exposure level for focusd.service: (0\.[0-9]|1\.[0-9]|2\.0) '
check 7 "$([ $? = 0 ] && echo ok)" "$sec"

# 8. A first sync of a big mailbox under the unit's hardening: the parsing and extraction run in a
#    worker process (forkserver), not in the daemon alone. The first big batch (up to 500) is
#    parsed in the daemon while the worker starts, so the worker takes chunks from the second batch
#    on: 1,200 messages make three batches. Evidence: every message in the cycle line, no
#    workers.inline, and, sampled from /proc while it ran, a grandchild of the main process (the
#    worker, forked by the forkserver) that wrote parsed messages back: a worker that only
#    started writes a few hundred bytes, one that parsed chunks writes hundreds of kilobytes.
systemctl stop focusd; rm -f /etc/systemd/system/focusd.service.d/override.conf; systemctl daemon-reload
cp /root/config.good /etc/focusd/config.toml; rm -f /var/lib/focusd/focusd.db*
now=$(date +%s); n=0
for i in $(seq 1 1200); do
    case $((i % 4)) in
        0) who="Grace Hopper <grace@example.org>"; ask="could you send me the budget numbers for project $i by Friday?" ;;
        1) who="Linus Pauling <linus@example.net>"; ask="can you review the draft of report $i before Thursday?" ;;
        2) who="Mary Shelley <mary@example.com>"; ask="please confirm the venue for meeting $i by tomorrow." ;;
        3) who="Alan Turing <alan@example.org>"; ask="would you sign off on invoice $i this week?" ;;
    esac
    t=$((now - i * 450))  # 1,200 messages over the last 6.25 days
    cat > "/srv/mail/ada/cur/$t.trial$i.host:2,S" <<EOF
From: $who
To: ada@example.com
Subject: Request $i
Date: $(date -R -d "@$t")
Message-ID: <trial-$i@example.org>

Hi Ada,

$ask

Thanks
EOF
    n=$((n + 1))
done
chmod -R a+rX /srv/mail; say "wrote $n messages to /srv/mail/ada/cur"
descendants() {  # descendants MAINPID: "pid ppid depth comm cputicks" of each process below it
    awk '{print $1, $4, $2, $14 + $15}' /proc/[0-9]*/stat 2>/dev/null | awk -v m="$1" '
        { pp[$1] = $2; comm[$1] = $3; cpu[$1] = $4 }
        END { d[m] = 0; do { c = 0; for (p in pp) if (!(p in d) && (pp[p] in d)) { d[p] = d[pp[p]] + 1; c = 1 } } while (c)
              for (p in d) if (p != m) print p, pp[p], d[p], comm[p], cpu[p] }'
}
start=$(date -u +%H:%M:%S); systemctl start --no-block focusd
wait_for 30 sh -c '[ "$(systemctl show -P MainPID focusd)" != 0 ]'; main=$(prop focusd MainPID)
: > /root/worker-samples.txt
k=0; while [ $k -lt 3600 ]; do  # every 0.05 s for up to 3 minutes, until the big cycle is logged
    descendants "$main" | while read -r pid ppid depth comm cpu; do
        wchar=$(sed -n 's/^wchar: //p' /proc/$pid/io 2>/dev/null)
        echo "$k $pid $ppid $depth $comm $cpu ${wchar:-0} $(tr '\0' ' ' < /proc/$pid/cmdline 2>/dev/null | cut -c1-80)"
    done >> /root/worker-samples.txt
    journalctl -u focusd --since "$start" -o cat --no-pager | grep -q '"event": "cycle"' && break
    sleep 0.05; k=$((k + 1))
done
say "sampled $k times; processes below main PID $main (pid ppid depth comm cpu-ticks bytes-written cmdline, at the last sample):"
sort -k2,2n -k1,1n /root/worker-samples.txt | awk '{ last[$2] = $0 } END { for (p in last) print last[p] }' | cut -d' ' -f2- | sort -n | sed 's/^/  /'
big=$(journalctl -u focusd --since "$start" -o cat --no-pager | grep -m1 '"event": "cycle"'); say "journal: $big"
inline=$(journalctl -u focusd --since "$start" -o cat --no-pager | grep 'workers.inline'); say "workers.inline lines: ${inline:-none}"
msgs=$(echo "$big" | sed -n 's/.*"messages": \([0-9]*\).*/\1/p')
worker=$(awk '$4 == 2 && $6 > 0 { print $2 }' /root/worker-samples.txt | sort -u | head -1)
wcpu=$(awk -v w="$worker" '$2 == w && $6 > c { c = $6 } END { print c + 0 }' /root/worker-samples.txt)
wout=$(awk -v w="$worker" '$2 == w && $7 > c { c = $7 } END { print c + 0 }' /root/worker-samples.txt)
say "worker: pid ${worker:-none}, child of $(awk -v w="$worker" '$2 == w { print $3; exit }' /root/worker-samples.txt) (the forkserver), ${wcpu} CPU ticks, ${wout} bytes written"
[ -z "$inline" ] && [ "${msgs:-0}" -ge 1200 ] && [ -n "$worker" ] && [ "$wout" -ge 100000 ] && \
    [ "$(systemctl is-active focusd)" = active ]
check 8 "$([ $? = 0 ] && echo ok)" "first sync of ${msgs:-?} messages, no workers.inline; worker pid ${worker:-none} (grandchild of main PID $main, via the forkserver) ran ${wcpu} CPU ticks and wrote back ${wout} bytes"

# 5. Many owners: the README's second block, after the single-owner service is taken away.
systemctl disable --now focusd; rm -rf /var/lib/focusd /etc/systemd/system/focusd.service.d
say "--- README steps (many owners):"; cat /root/owners.sh
sh -x /root/owners.sh 2>&1 | tail -30
wait_for 60 sh -c '[ "$(journalctl -u focusd@alice -o cat --no-pager | grep -c "\"event\": \"cycle\"")" -ge 1 ] && [ "$(journalctl -u focusd@bob -o cat --no-pager | grep -c "\"event\": \"cycle\"")" -ge 1 ]'
for who in alice bob; do
    say "focusd@$who: $(systemctl is-active focusd@$who) $(show focusd@$who)"
    say "  store: $(ls -lnd /var/lib/focusd/$who) -> $(ls -ln /var/lib/focusd/$who/ | tail -n +2 | tr '\n' ';')"
    say "  cycle: $(journalctl -u focusd@$who -o cat --no-pager | grep -m1 '"event": "cycle"')"
done
ua=$(stat -c %u /var/lib/focusd/alice/focusd.db); ub=$(stat -c %u /var/lib/focusd/bob/focusd.db)
say "store owners (uid): alice $ua, bob $ub; main processes' uids: $(stat -c %u /proc/"$(prop focusd@alice MainPID)") / $(stat -c %u /proc/"$(prop focusd@bob MainPID)")"
[ "$(systemctl is-active focusd@alice)" = active ] && [ "$(systemctl is-active focusd@bob)" = active ] && \
    [ -f /var/lib/focusd/alice/focusd.db ] && [ -f /var/lib/focusd/bob/focusd.db ] && [ "$ua" != "$ub" ] && \
    [ "$(cycles focusd@alice)" -ge 1 ] && [ "$(cycles focusd@bob)" -ge 1 ]
check 5 "$([ $? = 0 ] && echo ok)" "focusd@alice (uid $ua) and focusd@bob (uid $ub) active, each with a cycle and its own /var/lib/focusd/<name>/focusd.db"

# 6b. A secret for one owner, through a drop-in on the template as the README says.
install -d -m 0700 /etc/focusd/credentials/alice
(umask 077; echo "sk-alice-not-a-real-key" > /etc/focusd/credentials/alice/llm)
sed -i '/^\[llm\]/a api_key_file = "llm"' /etc/focusd/alice.toml
mkdir -p /etc/systemd/system/focusd@.service.d
printf '[Service]\nLoadCredential=llm:/etc/focusd/credentials/%%i/llm\n' > /etc/systemd/system/focusd@.service.d/override.conf
systemctl daemon-reload; systemctl restart focusd@alice; sleep 3
pid=$(prop focusd@alice MainPID)
say "focusd@alice with LoadCredential=: $(show focusd@alice)"
say "credentials: $(ls -ln /run/credentials/focusd@alice.service/ | tail -n +2)"
envline=$(tr '\0' '\n' < /proc/$pid/environ | grep CREDENTIALS_DIRECTORY); say "environ of $pid: $envline"
[ "$(systemctl is-active focusd@alice)" = active ] && [ "$envline" = CREDENTIALS_DIRECTORY=/run/credentials/focusd@alice.service ] && \
    [ ! -e /etc/focusd/llm ]
check 6b "$([ $? = 0 ] && echo ok)" "focusd@alice reads its api_key_file from /run/credentials/focusd@alice.service"
say "$(systemd-analyze security --no-pager focusd@alice.service | tail -1)"
finish
