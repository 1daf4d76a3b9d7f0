package dev.shareguard.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shareguard.core.config.Config;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The framework models and how {@link LibraryModels} answers from them: each framework's tables
 * reach the engine's questions through the one factory, and nothing else does.
 */
class FrameworkModelsTest {
  private static LibraryModels models() {
    return new LibraryModels(new TypeHierarchy(List.of()), Config.defaults());
  }

  @Test
  void everyModelHasADistinctNameAndSaysSomething() {
    Set<String> names = new HashSet<>();
    for (FrameworkModel m : FrameworkModels.ALL) {
      assertTrue(names.add(m.name()), "duplicate " + m.name());
      boolean says =
          !m.sharedEntryAnnotations().isEmpty()
              || !m.sharedEntrySupertypes().isEmpty()
              || !m.initMethodAnnotations().isEmpty()
              || !m.initCallbacks().isEmpty()
              || !m.singleThreadExecutors().isEmpty()
              || !m.serialCallbacks().isEmpty()
              || !m.librarySupertypes().isEmpty()
              || !m.libraryReturnTypes().isEmpty()
              || !m.loopCallbacks().isEmpty();
      assertTrue(says, m.name() + " contributes no table");
    }
  }

  @Test
  void nettyEventLoopsAreOneThreadAndOnlyTheExecutorItselfLoopsInRun() {
    LibraryModels m = models();
    assertTrue(m.isEventExecutor("io.netty.channel.EventLoop"));
    assertTrue(m.isEventExecutor("io.netty.util.concurrent.SingleThreadEventExecutor"));
    assertFalse(m.isEventExecutor("java.util.concurrent.ExecutorService"));
    assertFalse(m.isEventExecutor(null));
    assertTrue(m.isEventLoopThreadClass("io.netty.util.concurrent.SingleThreadEventExecutor"));
    assertFalse(m.isEventLoopThreadClass("io.netty.channel.EventLoop"));
  }

  /**
   * A gRPC synchronization context runs its tasks one at a time, whether or not the audited tree
   * holds gRPC's own sources (here the hierarchy is empty, as when only a module that uses gRPC is
   * audited): {@code execute} and its own {@code executeLater} hand a task to it, and code after
   * its assertion runs in its turn.
   */
  @Test
  void grpcSynchronizationContextIsSerialEvenWhenItsSourcesAreNotAudited() {
    LibraryModels m = models();
    String ctx = "io.grpc.SynchronizationContext";
    assertTrue(m.isEventExecutor(ctx));
    assertTrue(m.isEventExecutor("io.grpc.internal.SerializingExecutor"));
    assertEquals("SynchronizationContext.execute",
        m.spawnModel(ctx, ctx, "execute", false).what());
    assertEquals("SynchronizationContext.executeLater",
        m.spawnModel(ctx, ctx, "executeLater", false).what());
    assertEquals(null, m.spawnModel(ctx, ctx, "drain", false));
    assertTrue(m.isSerialContextAssertion(ctx, "throwIfNotInThisSynchronizationContext"));
    assertFalse(m.isSerialContextAssertion("com.acme.Context", "throwIfNotInThisSynchronizationContext"));
  }

  /**
   * A library bundled into another under a relocation prefix (a shaded copy) behaves as the
   * library: the models answer for it as for the original.
   */
  @Test
  void aRelocatedCopyOfALibraryIsThatLibrary() {
    LibraryModels m = models();
    assertTrue(m.isEventExecutor("com.acme.shaded.io.grpc.SynchronizationContext"));
    assertTrue(m.isSerialContextAssertion(
        "org.acme.relocated.io.grpc.SynchronizationContext", "throwIfNotInThisSynchronizationContext"));
    assertTrue(m.isEventExecutor("io.grpc.netty.shaded.io.netty.channel.EventLoop"));
    assertFalse(m.isEventExecutor("com.acme.shaded.SynchronizationContext"));
    assertEquals("io.grpc.SynchronizationContext",
        TypeHierarchy.unrelocated("com.acme.shaded.io.grpc.SynchronizationContext"));
    assertEquals(null, TypeHierarchy.unrelocated("com.acme.grpc.SynchronizationContext"));
  }

  @Test
  void aLibraryRootNestedUnderAnotherPackageIsABundledCopy() {
    assertEquals("javassist.ClassPool",
        TypeHierarchy.unrelocated("com.acme.agent.internal.javassist.ClassPool"));
    assertEquals("org.objectweb.asm.ClassReader",
        TypeHierarchy.unrelocated("org.acme.deps.org.objectweb.asm.ClassReader"));
    assertEquals(null, TypeHierarchy.unrelocated("javassist.ClassPool"));
    assertEquals(null, TypeHierarchy.unrelocated("com.acme.agent.internal.tools.ClassPool"));
    assertEquals(null, TypeHierarchy.unrelocated("io.grpc.netty.NettyServer"));
  }

  @Test
  void frameworkTypesAreKnownWithoutTheirSources() {
    LibraryModels m = models();
    assertTrue(m.types().isSubtype("io.netty.channel.nio.NioEventLoop",
        "java.util.concurrent.Executor"));
    assertTrue(m.isEventExecutor("io.netty.channel.nio.NioEventLoop"));
    assertFalse(m.isEventExecutor("io.netty.channel.nio.NioEventLoopGroup"));
    assertTrue(m.types().isSubtype("io.netty.channel.nio.NioEventLoopGroup",
        "java.util.concurrent.ScheduledExecutorService"));
    assertTrue(m.types().isSubtype("com.google.common.util.concurrent.ListeningExecutorService",
        "java.util.concurrent.Executor"));
    assertTrue(m.isLoopCallback("io.netty.channel.SimpleChannelInboundHandler", "channelRead0"));
    assertTrue(m.isLoopCallback("io.netty.channel.ChannelFutureListener", "operationComplete"));
    assertFalse(m.isLoopCallback("io.netty.channel.SimpleChannelInboundHandler", "toString"));
    assertTrue(m.isThreadSafeContainer("org.jctools.queues.MpscChunkedArrayQueue"));
    assertTrue(m.isThreadSafeContainer("io.netty.util.internal.shaded.org.jctools.maps.NonBlockingHashMap"));
    assertFalse(m.isThreadSafeContainer("org.jctools.util.Pow2"));
  }

  @Test
  void sharedEntriesComeFromEveryFrameworkAndFromConfig() {
    LibraryModels m = models();
    assertTrue(m.isSharedEntryAnnotation("org.springframework.stereotype.Service"));
    assertTrue(m.isSharedEntryAnnotation("jakarta.inject.Singleton"));
    assertTrue(m.isSharedEntryAnnotation("io.netty.channel.ChannelHandler.Sharable"));
    assertTrue(m.isSharedEntryAnnotation("javax.annotation.concurrent.ThreadSafe"));
    assertFalse(m.isSharedEntryAnnotation("com.acme.Handler"));
    assertTrue(
        new LibraryModels(
                new TypeHierarchy(List.of()),
                Config.defaults().withExtraSharedEntryAnnotations(Set.of("com.acme.Handler")))
            .isSharedEntryAnnotation("com.acme.Handler"));
    assertTrue(LibraryModels.SHARED_ENTRY_SUPERTYPES.contains("jakarta.servlet.http.HttpServlet"));
  }

  @Test
  void beanInitMethodsAreSpringAndJakartaCallbacksAnnotationsAndSetters() {
    LibraryModels m = models();
    assertTrue(m.isBeanInitMethod("afterPropertiesSet", 0, List.of()));
    assertTrue(m.isBeanInitMethod("init", 0, List.of()));
    assertTrue(m.isBeanInitMethod("load", 0, List.of("PostConstruct")));
    assertTrue(m.isBeanInitMethod("wire", 1, List.of("Autowired")));
    assertTrue(m.isBeanInitMethod("setTimeout", 1, List.of()));
    assertFalse(m.isBeanInitMethod("handle", 1, List.of()));
  }

  @Test
  void subscriberSignalsAreSerialButRequestIsNot() {
    LibraryModels m = models();
    assertTrue(m.isSubscriberSignal("reactor.core.CoreSubscriber", "onNext"));
    assertFalse(m.isSubscriberSignal("reactor.core.CoreSubscriber", "request"));
    assertFalse(m.isSubscriberSignal("com.acme.Listener", "onNext"));
  }
}
