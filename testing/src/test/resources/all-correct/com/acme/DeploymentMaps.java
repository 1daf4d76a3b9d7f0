package com.acme;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A heartbeat thread that deploys batch after batch: each deployment makes its own map, fills it,
 * and only then hands it to the node threads it starts, so no deployment's filling meets any
 * node thread's reads.
 */
public class DeploymentMaps {
  private final Map<Integer, Thread> threads = new HashMap<>();

  public void heartbeats(List<List<String>> batches) {
    new Thread(() -> {
      for (List<String> batch : batches) {
        deploy(batch);
      }
    }).start();
  }

  private void deploy(List<String> nodes) {
    Map<Integer, String> operatorMap = new HashMap<>(nodes.size());
    for (int i = 0; i < nodes.size(); i++) {
      operatorMap.put(i, nodes.get(i));
    }
    activate(operatorMap);
  }

  private synchronized void activate(final Map<Integer, String> nodeMap) {
    for (Integer id : nodeMap.keySet()) {
      Thread t = new Thread(() -> System.out.println(nodeMap.get(id)));
      threads.put(id, t);
      t.start();
    }
  }
}
