# SPDX-License-Identifier: MIT
# list.gp: list.png from list.dat (bench/plots.sh): listing time against probe sites,
# sdtkit list, readelf -n and bpftrace -l; log-log. usage: gnuplot list.gp
# Where bpftrace did not run everywhere, list.dat says why ("# bpftrace_note: ...").
set terminal pngcairo size 960,600 font "sans,11" noenhanced
set output "list.png"
set title "Listing the probe sites of a shared library: whole process, median"
set xlabel "probe sites in the file"
set ylabel "wall time (ms)"
set logscale xy
set grid xtics ytics mxtics mytics lc rgb "#dddddd"
set key top left Left reverse box opaque
set datafile missing "NaN"
note = system("sed -n 's/^# bpftrace_note: //p' list.dat")
bt = note eq "" ? "bpftrace -l" : sprintf("bpftrace -l (%s)", note)
plot "list.dat" using 1:2 with linespoints lw 2 pt 7 lc rgb "#d62728" title "sdtkit list", \
     "list.dat" using 1:3 with linespoints lw 2 pt 5 lc rgb "#2ca02c" title "readelf -n", \
     "list.dat" using 1:4 with linespoints lw 2 pt 9 lc rgb "#9467bd" title bt
