package dev.shareguard.core.model;

import java.util.Map;
import java.util.Set;

/**
 * Netty: an event loop is one thread that runs every task handed to it, and all the I/O of the
 * channels registered with it, one after another ({@code EventExecutor#inEventLoop()} asks
 * whether the caller is that thread); a {@code @Sharable} handler serves many channels, and so
 * many loops, from one instance.
 */
final class NettyModel implements FrameworkModel {
  @Override
  public String name() {
    return "Netty";
  }

  @Override
  public Map<String, String> sharedEntryAnnotations() {
    return Map.of("io.netty.channel.ChannelHandler.Sharable", "Netty @Sharable handler");
  }

  /**
   * {@code @Sharable} only allows one handler instance in many pipelines: a handler the program
   * makes anew in {@code ChannelInitializer.initChannel} for every channel serves one channel.
   */
  @Override
  public Set<String> perConnectionShareableAnnotations() {
    return Set.of("io.netty.channel.ChannelHandler.Sharable");
  }

  @Override
  public Set<String> perConnectionFactories() {
    return Set.of("initChannel");
  }

  /** Executors that are one thread. A group of loops ({@code EventLoopGroup}) is not one. */
  @Override
  public Set<String> singleThreadExecutors() {
    return Set.of(
        "io.netty.util.concurrent.EventExecutor",
        "io.netty.util.concurrent.OrderedEventExecutor",
        "io.netty.util.concurrent.SingleThreadEventExecutor",
        "io.netty.channel.EventLoop");
  }

  /**
   * Executors that are not one thread, although they are {@code EventExecutor}s: the immediate
   * executor runs each task on the thread handing it over, the unordered one on a pool.
   */
  @Override
  public Set<String> unorderedExecutors() {
    return Set.of(
        "io.netty.util.concurrent.ImmediateEventExecutor",
        "io.netty.util.concurrent.UnorderedThreadPoolEventExecutor");
  }

  /** {@code NioEventLoop.run()} selects and runs tasks until shutdown. */
  @Override
  public Set<String> loopThreadClasses() {
    return Set.of("io.netty.util.concurrent.SingleThreadEventExecutor");
  }
}
