# SPDX-License-Identifier: MIT
# gen.gp: gen.png from gen.dat (bench/plots.sh): `dtrace -h` and `dtrace -G` time against
# the probe count, SystemTap's dtrace and sdtkit; log-log. usage: gnuplot gen.gp
set terminal pngcairo size 960,600 font "sans,11" noenhanced
set output "gen.png"
set title "Generating the header (-h) and the object (-G): whole process, median"
set xlabel "probes in the provider file"
set ylabel "wall time (ms)"
set logscale xy
set grid xtics ytics mxtics mytics lc rgb "#dddddd"
set key top left Left reverse box opaque
set datafile missing "NaN"
plot "gen.dat" using 1:2 with linespoints lw 2 pt 7 lc rgb "#1f77b4" title "SystemTap dtrace -h", \
     "gen.dat" using 1:4 with linespoints lw 2 pt 5 lc rgb "#17becf" title "SystemTap dtrace -G", \
     "gen.dat" using 1:3 with linespoints lw 2 pt 7 lc rgb "#d62728" title "sdtkit dtrace -h", \
     "gen.dat" using 1:5 with linespoints lw 2 pt 5 lc rgb "#ff7f0e" title "sdtkit dtrace -G"
