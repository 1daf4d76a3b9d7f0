package dev.shareguard.core.model;

import java.util.HashMap;
import java.util.List;
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

  /**
   * Netty's executor and future types as a project sees them from its jar: a loop is an ordered
   * executor and a {@code ScheduledExecutorService}; a group of loops is a pool that hands each
   * task to one of its loops; Netty's futures are {@code java.util.concurrent.Future}s.
   */
  @Override
  public Map<String, List<String>> librarySupertypes() {
    String u = "io.netty.util.concurrent.";
    String c = "io.netty.channel.";
    Map<String, List<String>> m = new HashMap<>();
    m.put(u + "EventExecutorGroup",
        List.of("java.util.concurrent.ScheduledExecutorService", "java.lang.Iterable"));
    m.put(u + "EventExecutor", List.of(u + "EventExecutorGroup"));
    m.put(u + "OrderedEventExecutor", List.of(u + "EventExecutor"));
    m.put(u + "AbstractEventExecutor",
        List.of("java.util.concurrent.AbstractExecutorService", u + "EventExecutor"));
    m.put(u + "AbstractScheduledEventExecutor", List.of(u + "AbstractEventExecutor"));
    m.put(u + "SingleThreadEventExecutor",
        List.of(u + "AbstractScheduledEventExecutor", u + "OrderedEventExecutor"));
    m.put(u + "DefaultEventExecutor", List.of(u + "SingleThreadEventExecutor"));
    m.put(u + "GlobalEventExecutor",
        List.of(u + "AbstractScheduledEventExecutor", u + "OrderedEventExecutor"));
    m.put(u + "ImmediateEventExecutor", List.of(u + "AbstractEventExecutor"));
    m.put(u + "UnorderedThreadPoolEventExecutor",
        List.of("java.util.concurrent.ScheduledThreadPoolExecutor", u + "EventExecutor"));
    m.put(u + "AbstractEventExecutorGroup", List.of(u + "EventExecutorGroup"));
    m.put(u + "MultithreadEventExecutorGroup", List.of(u + "AbstractEventExecutorGroup"));
    m.put(u + "DefaultEventExecutorGroup", List.of(u + "MultithreadEventExecutorGroup"));
    m.put(c + "EventLoopGroup", List.of(u + "EventExecutorGroup"));
    m.put(c + "EventLoop", List.of(u + "OrderedEventExecutor", c + "EventLoopGroup"));
    m.put(c + "SingleThreadEventLoop", List.of(u + "SingleThreadEventExecutor", c + "EventLoop"));
    m.put(c + "DefaultEventLoop", List.of(c + "SingleThreadEventLoop"));
    m.put(c + "nio.NioEventLoop", List.of(c + "SingleThreadEventLoop"));
    m.put(c + "epoll.EpollEventLoop", List.of(c + "SingleThreadEventLoop"));
    m.put(c + "MultithreadEventLoopGroup",
        List.of(u + "MultithreadEventExecutorGroup", c + "EventLoopGroup"));
    m.put(c + "DefaultEventLoopGroup", List.of(c + "MultithreadEventLoopGroup"));
    m.put(c + "nio.NioEventLoopGroup", List.of(c + "MultithreadEventLoopGroup"));
    m.put(c + "epoll.EpollEventLoopGroup", List.of(c + "MultithreadEventLoopGroup"));
    m.put(c + "ChannelInboundHandler", List.of(c + "ChannelHandler"));
    m.put(c + "ChannelOutboundHandler", List.of(c + "ChannelHandler"));
    m.put(c + "ChannelHandlerAdapter", List.of(c + "ChannelHandler"));
    m.put(c + "ChannelInboundHandlerAdapter",
        List.of(c + "ChannelHandlerAdapter", c + "ChannelInboundHandler"));
    m.put(c + "ChannelOutboundHandlerAdapter",
        List.of(c + "ChannelHandlerAdapter", c + "ChannelOutboundHandler"));
    m.put(c + "ChannelDuplexHandler",
        List.of(c + "ChannelInboundHandlerAdapter", c + "ChannelOutboundHandler"));
    m.put(c + "SimpleChannelInboundHandler", List.of(c + "ChannelInboundHandlerAdapter"));
    m.put(c + "ChannelInitializer", List.of(c + "ChannelInboundHandlerAdapter"));
    String codec = "io.netty.handler.codec.";
    m.put(codec + "ByteToMessageDecoder", List.of(c + "ChannelInboundHandlerAdapter"));
    m.put(codec + "MessageToMessageDecoder", List.of(c + "ChannelInboundHandlerAdapter"));
    m.put(codec + "MessageToByteEncoder", List.of(c + "ChannelOutboundHandlerAdapter"));
    m.put(codec + "MessageToMessageEncoder", List.of(c + "ChannelOutboundHandlerAdapter"));
    m.put(codec + "ByteToMessageCodec", List.of(c + "ChannelDuplexHandler"));
    m.put(codec + "MessageToMessageCodec", List.of(c + "ChannelDuplexHandler"));
    m.put(u + "GenericFutureListener", List.of("java.util.EventListener"));
    m.put(c + "ChannelFutureListener", List.of(u + "GenericFutureListener"));
    m.put(u + "Future", List.of("java.util.concurrent.Future"));
    m.put(u + "Promise", List.of(u + "Future"));
    m.put(c + "ChannelFuture", List.of(u + "Future"));
    m.put(c + "ChannelPromise", List.of(c + "ChannelFuture", u + "Promise"));
    return Map.copyOf(m);
  }

  /**
   * A channel's handlers get its events on the loop the channel is registered with, and a
   * listener of a future is notified on the future's executor (a channel's future: its loop).
   */
  @Override
  public Map<String, Set<String>> loopCallbacks() {
    String c = "io.netty.channel.";
    return Map.of(
        c + "ChannelHandler", Set.of("handlerAdded", "handlerRemoved", "exceptionCaught"),
        c + "ChannelInboundHandler", Set.of("channelRegistered", "channelUnregistered",
            "channelActive", "channelInactive", "channelRead", "channelReadComplete",
            "userEventTriggered", "channelWritabilityChanged", "exceptionCaught",
            "channelRead0", "decode", "decodeLast"),
        c + "ChannelOutboundHandler", Set.of("bind", "connect", "disconnect", "close",
            "deregister", "read", "write", "flush", "encode"),
        "io.netty.util.concurrent.GenericFutureListener", Set.of("operationComplete"));
  }

  /** The accessors that give the loop a channel or a handler's context runs on. */
  @Override
  public Map<String, String> libraryReturnTypes() {
    String u = "io.netty.util.concurrent.";
    String c = "io.netty.channel.";
    return Map.of(
        c + "ChannelHandlerContext#executor", u + "EventExecutor",
        c + "ChannelHandlerContext#channel", c + "Channel",
        c + "Channel#eventLoop", c + "EventLoop",
        c + "EventLoopGroup#next", c + "EventLoop",
        u + "EventExecutorGroup#next", u + "EventExecutor");
  }

  /** A channel is registered with one event loop, which delivers all its events. */
  @Override
  public Set<String> loopBoundTypes() {
    return Set.of("io.netty.channel.Channel");
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
