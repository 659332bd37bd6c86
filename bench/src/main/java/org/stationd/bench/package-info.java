/** Benchmarks for stationd: {@code ./stationd bench} runs the suite ({@code suite.BenchSuite}), {@code ./stationd bench jmh} the JMH ones. */
package org.stationd.bench;
