package io.berth.it.interop;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

import java.util.concurrent.BlockingQueue;

/** A Paho MQTT 5 callback that queues every message that arrives. */
final class QueueingCallback implements MqttCallback {

    private final BlockingQueue<MqttMessage> messages;

    QueueingCallback(BlockingQueue<MqttMessage> messages) {
        this.messages = messages;
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        messages.add(message);
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
    }
}
