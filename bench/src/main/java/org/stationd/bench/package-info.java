/** JMH benchmarks for stationd. Run with {@code ./stationd bench}. */
package org.stationd.bench;
